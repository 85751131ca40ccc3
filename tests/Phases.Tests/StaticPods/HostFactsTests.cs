using k8s.Models;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.StaticPods;

public class HostFactsTests
{
    [Fact]
    public async Task Init_OnLiveHostWithProxies_CopiesThemIntoControlPlanePodsButNotEtcd()
    {
        var root = new Kiln.Phases.Targets.MemoryRoot();
        var config = InitConfigs.Load("apiServer:\n  extraEnvs:\n  - {name: NO_PROXY, value: \"10.0.0.0/8\"}\n");
        var (context, _, _) = TestContexts.Create(config, root);
        context = context with
        {
            Host = new Kiln.Phases.Config.HostFacts("Other-Host") { ProxyEnvironment = [new("HTTPS_PROXY", "http://proxy:3128"), new("NO_PROXY", "localhost")] },
        };
        var selection = Workflows.Init.Select(new Kiln.Phases.Workflow.PhaseSelection(["control-plane", "etcd", "kubelet-start"], []));

        await Kiln.Phases.Workflow.WorkflowRunner.RunAsync(Kiln.Phases.Workflow.WorkflowPlan.Create(Workflows.Init, selection, context), context, CancellationToken.None);

        string Text(string path) => System.Text.Encoding.UTF8.GetString(root.ReadAllBytes(path));
        var api = k8s.KubernetesYaml.Deserialize<k8s.Models.V1Pod>(Text("/etc/kubernetes/manifests/kube-apiserver.yaml"), strict: true).Spec.Containers[0].Env;
        Assert.Equal(["HTTPS_PROXY=http://proxy:3128", "NO_PROXY=10.0.0.0/8"], api.Select(e => $"{e.Name}={e.Value}"), StringComparer.Ordinal);
        Assert.Contains("HTTPS_PROXY", Text("/etc/kubernetes/manifests/kube-scheduler.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain("HTTPS_PROXY", Text("/etc/kubernetes/manifests/etcd.yaml"), StringComparison.Ordinal);
        Assert.Contains("--hostname-override=node1", Text("/var/lib/kubelet/kubeadm-flags.env"), StringComparison.Ordinal);
    }
}
