using k8s.Models;
using Xunit.Abstractions;

namespace Kiln.Node.Tests;

/// <summary>
/// Live init for real (issue #19): kiln init inside a booted node; the real kubelet runs Kiln's four static pods from
/// Kiln's manifests, wait-control-plane sees them healthy, the cluster phases run, and the host sees the node Ready.
/// </summary>
[Collection(SharedInitNode.Name)]
public sealed class LiveInitTests(InitNode init, ITestOutputHelper output)
{
    static readonly string[] s_staticPods = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"];

    async Task WithDiagnostics(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            output.WriteLine($"kiln init (exit {init.Init?.ExitCode}):\n{init.Init?.All}");
            output.WriteLine(init.Node.Diagnostics());
            throw;
        }
    }

    [NodeFact]
    public Task Init_OnARealNode_RunsEveryPhaseAndPrintsTheJoinCommand() => WithDiagnostics(() =>
    {
        Assert.True(init.Init.ExitCode == 0, init.Init.All);
        Assert.Contains("[wait-control-plane] done", init.Init.Out, StringComparison.Ordinal);
        Assert.Contains("[mark-control-plane] done", init.Init.Out, StringComparison.Ordinal);
        Assert.Contains("[addon/kube-proxy] done", init.Init.Out, StringComparison.Ordinal);
        Assert.Equal(init.Node.Address + ":6443", init.JoinCommand[1]);
        return Task.CompletedTask;
    });

    [NodeFact]
    public Task Init_OnARealNode_NodeIsReadyWithTheControlPlaneLabelAndTaint() => WithDiagnostics(async () =>
    {
        Assert.True(init.Init.ExitCode == 0, init.Init.All);
        var node = await InitNode.WaitAsync("node1 Ready", () => init.GetNode(init.Node), InitNode.IsReady,
            n => string.Join(", ", n.Status?.Conditions?.Select(c => $"{c.Type}={c.Status} ({c.Message})") ?? []), TimeSpan.FromMinutes(3));

        Assert.True(node.Metadata.Labels.ContainsKey("node-role.kubernetes.io/control-plane"), string.Join(", ", node.Metadata.Labels.Keys));
        Assert.True(node.Metadata.Labels.ContainsKey("node.kubernetes.io/exclude-from-external-load-balancers"), string.Join(", ", node.Metadata.Labels.Keys));
        Assert.Contains(node.Spec.Taints, t => InitNode.Is(t.Key, "node-role.kubernetes.io/control-plane") && InitNode.Is(t.Effect, "NoSchedule"));
        Assert.Contains(node.Status.Addresses, a => InitNode.Is(a.Type, "InternalIP") && InitNode.Is(a.Address, init.Node.Address));
        Assert.Equal("v1.20.2", node.Status.NodeInfo.KubeletVersion);
    });

    [NodeFact]
    public Task Init_OnARealNode_StaticPodsRunAsMirrorPods() => WithDiagnostics(async () =>
    {
        Assert.True(init.Init.ExitCode == 0, init.Init.All);
        // the v1.20 kubelet creates a mirror pod on its next sync of the static pod once the Node exists (up to a minute)
        var pods = await InitNode.WaitAsync("the four mirror pods Running", init.KubeSystemPods,
            list => s_staticPods.All(c => Mirror(list, c) is { Status.Phase: "Running" }),
            list => string.Join(", ", list.Items.Select(p => $"{p.Metadata.Name}={p.Status?.Phase}")), TimeSpan.FromMinutes(3));

        foreach (var component in s_staticPods)
        {
            var pod = Mirror(pods, component)!;
            Assert.Equal("node1", pod.Spec.NodeName);
            Assert.True(pod.Metadata.Annotations.ContainsKey("kubernetes.io/config.mirror"), $"{pod.Metadata.Name} is not a mirror pod");
            Assert.StartsWith($"registry.k8s.io/{component}:", pod.Spec.Containers[0].Image, StringComparison.Ordinal);
        }
    });

    static V1Pod? Mirror(V1PodList list, string component) =>
        list.Items.FirstOrDefault(p => InitNode.Is(p.Metadata.Name, $"{component}-node1"));
}
