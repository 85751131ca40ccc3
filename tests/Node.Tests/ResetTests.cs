using Kiln.TestKit;
using Kiln.TestKit.Nodes;
using Xunit.Abstractions;

namespace Kiln.Node.Tests;

/// <summary>`kiln reset` on a real node (issue #19): it removes what init wrote, and the node can init again.</summary>
public sealed class ResetTests(ITestOutputHelper output)
{
    [NodeFact]
    public async Task Reset_AfterInitOnARealNode_RemovesWhatInitWroteAndTheNodeInitsAgain()
    {
        using var network = NodeNetwork.Create();
        await using var node = await TestNode.StartAsync(network, 1, InitNode.KubernetesVersion, PublishedKiln.Path);
        var log = new List<(string, Tool.Result)>();
        Tool.Result Run(string what, params string[] args)
        {
            var r = node.Exec(TimeSpan.FromMinutes(6), "kiln", args);
            log.Add((what, r));
            return r;
        }

        try
        {
            await File.WriteAllTextAsync(node.HostPath("/root/init.yaml"), InitNode.Config(node));
            var first = Run("first init", "init", "--config", "/root/init.yaml");
            Assert.True(first.ExitCode == 0, first.All);
            var firstCa = await File.ReadAllTextAsync(node.HostPath("/etc/kubernetes/pki/ca.crt"));

            var reset = Run("reset", "reset", "--force");
            Assert.True(reset.ExitCode == 0, reset.All);
            Assert.Empty(Directory.EnumerateFileSystemEntries(node.HostPath("/etc/kubernetes/manifests")));
            Assert.Empty(Directory.EnumerateFileSystemEntries(node.HostPath("/var/lib/etcd")));
            foreach (var kubeconfig in (string[])["admin.conf", "super-admin.conf", "kubelet.conf", "controller-manager.conf", "scheduler.conf"])
            {
                Assert.False(File.Exists(node.HostPath($"/etc/kubernetes/{kubeconfig}")), $"{kubeconfig} is still there");
            }

            Assert.False(File.Exists(node.HostPath("/etc/kubernetes/pki/ca.key")), "the CA key is still there");
            Assert.False(File.Exists(node.HostPath("/var/lib/kubelet/config.yaml")), "the kubelet's config is still there");
            Assert.False(InitNode.Is(node.Exec("systemctl", "is-active", "kubelet").Out.Trim(), "active"), "the kubelet still runs");

            // Kiln's reset does not remove the containers yet and says so (`crictl rmp -af`); this node has no crictl,
            // so the pods are stopped through their systemd slice (the kubelet's systemd cgroup driver puts them there)
            Assert.Contains("crictl rmp -af", reset.All, StringComparison.Ordinal);
            var stop = node.Exec("systemctl", "stop", "kubepods.slice");
            Assert.True(stop.ExitCode == 0, stop.All);

            var second = Run("second init", "init", "--config", "/root/init.yaml");
            Assert.True(second.ExitCode == 0, second.All);
            Assert.Contains("[wait-control-plane] done", second.Out, StringComparison.Ordinal);
            Assert.False(InitNode.Is(await File.ReadAllTextAsync(node.HostPath("/etc/kubernetes/pki/ca.crt")), firstCa), "the second init kept the first CA");
            var nodes = node.Kubectl("/etc/kubernetes/admin.conf", "get", "node", node.Name, "-o", "name");
            Assert.True(nodes.ExitCode == 0, nodes.All);
        }
        catch
        {
            foreach (var (what, r) in log)
            {
                output.WriteLine($"kiln {what} (exit {r.ExitCode}):\n{r.All}");
            }

            output.WriteLine(node.Diagnostics());
            throw;
        }
    }
}
