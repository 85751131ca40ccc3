using System.Text;
using k8s;
using k8s.Models;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.StaticPods;

public class PatchesTests
{
    static async Task<MemoryRoot> RootWithAsync(params (string Name, string Text)[] files)
    {
        var root = new MemoryRoot();
        foreach (var (name, text) in files)
        {
            await root.WriteFileAsync($"/etc/kiln/patches/{name}", Encoding.UTF8.GetBytes(text), UnixFileMode.UserRead | UnixFileMode.UserWrite, CancellationToken.None);
        }

        return root;
    }

    static V1Pod Pod(MemoryRoot root, string name) =>
        KubernetesYaml.Deserialize<V1Pod>(Encoding.UTF8.GetString(root.ReadAllBytes($"/etc/kubernetes/manifests/{name}.yaml")), strict: true);

    [Fact]
    public async Task Patches_StrategicMergeAndJson_AppliedInNameOrderAndReported()
    {
        var root = await RootWithAsync(
            ("kube-apiserver0.yaml", "spec:\n  containers:\n  - name: kube-apiserver\n    env:\n    - name: GOGC\n      value: \"50\"\n    resources:\n      requests:\n        cpu: 500m\n"),
            ("kube-apiserver1+json.json", "[{\"op\": \"add\", \"path\": \"/spec/containers/0/command/-\", \"value\": \"--v=2\"}]"),
            ("etcd+merge.yaml", "metadata:\n  labels:\n    team: storage\n"),
            ("kubeletconfiguration.yaml", "maxPods: 200\n"),
            ("unrelated.txt", "ignored"));
        var config = InitConfigs.Load(initYaml: "patches:\n  directory: /etc/kiln/patches\n");

        var (result, events) = await PhaseRuns.RunAsync(Workflows.Init, config, root, "control-plane/apiserver", "etcd/local", "kubelet-start");

        Assert.True(result.Succeeded, result.Error?.Message);
        var api = Pod(root, "kube-apiserver").Spec.Containers.Single();
        Assert.Equal("500m", api.Resources.Requests["cpu"].ToString());
        Assert.Equal("50", api.Env.Single(e => string.Equals(e.Name, "GOGC", StringComparison.Ordinal)).Value);
        Assert.Equal("--v=2", api.Command[^1]);
        Assert.Equal("storage", Pod(root, "etcd").Metadata.Labels["team"]);
        Assert.Equal("control-plane", Pod(root, "etcd").Metadata.Labels["tier"]);
        Assert.Contains("maxPods: 200\n", Encoding.UTF8.GetString(root.ReadAllBytes("/var/lib/kubelet/config.yaml")), StringComparison.Ordinal);
        Assert.Equal(["applied patch /etc/kiln/patches/etcd+merge.yaml", "applied patch /etc/kiln/patches/kube-apiserver0.yaml",
            "applied patch /etc/kiln/patches/kube-apiserver1+json.json", "applied patch /etc/kiln/patches/kubeletconfiguration.yaml"],
            events.OfType<PhaseNote>().Where(n => n.Text.StartsWith("applied", StringComparison.Ordinal)).Select(n => n.Text), StringComparer.Ordinal);
    }

    [Fact]
    public async Task Patches_BrokenPatch_FailsThePhaseNamingTheFile()
    {
        var root = await RootWithAsync(("kube-scheduler+json.json", "{\"not\": \"a list\"}"));
        var config = InitConfigs.Load(initYaml: "patches:\n  directory: /etc/kiln/patches\n");

        var (result, _) = await PhaseRuns.RunAsync(Workflows.Init, config, root, "control-plane/scheduler");

        Assert.Equal("/etc/kiln/patches/kube-scheduler+json.json: a json patch must be a list of operations", result.Error!.Message);
        Assert.False(root.Exists("/etc/kubernetes/manifests/kube-scheduler.yaml"));
    }

    [Fact]
    public async Task Patches_UnreadableYaml_FailsThePhaseNamingTheFile()
    {
        var root = await RootWithAsync(("kube-scheduler.yaml", "spec: [1, 2\nmetadata: 3\n"));
        var config = InitConfigs.Load(initYaml: "patches:\n  directory: /etc/kiln/patches\n");

        var (result, _) = await PhaseRuns.RunAsync(Workflows.Init, config, root, "control-plane/scheduler");

        Assert.StartsWith("/etc/kiln/patches/kube-scheduler.yaml is not a valid patch", result.Error!.Message, StringComparison.Ordinal);
        Assert.False(root.Exists("/etc/kubernetes/manifests/kube-scheduler.yaml"));
    }
}
