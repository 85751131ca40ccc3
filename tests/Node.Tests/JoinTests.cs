using k8s;
using k8s.Models;
using Kiln.TestKit;
using Kiln.TestKit.Nodes;
using Xunit.Abstractions;

namespace Kiln.Node.Tests;

/// <summary>
/// Join for real (issue #19): node2 runs the join command init printed; its real kubelet TLS-bootstraps with the
/// bootstrap token (a CSR the cluster approves and signs), and node2 becomes Ready as a worker.
/// </summary>
[Collection(SharedInitNode.Name)]
public sealed class JoinTests(InitNode init, ITestOutputHelper output)
{
    [NodeFact]
    public async Task Join_OnASecondRealNode_TheKubeletTlsBootstrapsAndTheNodeIsReady()
    {
        Assert.True(init.Init.ExitCode == 0, init.Init.All);
        await using var node2 = await TestNode.StartAsync(init.Network, 2, InitNode.KubernetesVersion, PublishedKiln.Path);
        Tool.Result? join = null;
        try
        {
            join = node2.Exec(TimeSpan.FromMinutes(5), "kiln", [.. init.JoinCommand]);
            Assert.True(join.ExitCode == 0, join.All);

            var node = await InitNode.WaitAsync("node2 Ready", () => init.GetNode(node2), InitNode.IsReady,
                n => string.Join(", ", n.Status?.Conditions?.Select(c => $"{c.Type}={c.Status} ({c.Message})") ?? []), TimeSpan.FromMinutes(3));
            Assert.False(node.Metadata.Labels.ContainsKey("node-role.kubernetes.io/control-plane"), "a worker has no control-plane label");
            Assert.Contains(node.Status.Addresses, a => InitNode.Is(a.Type, "InternalIP") && InitNode.Is(a.Address, node2.Address));

            // the TLS bootstrap was real: the kubelet asked for its client certificate with the bootstrap token, and
            // the CSR was approved (kubeadm:node-autoapprove-bootstrap) and signed
            var tokenId = init.JoinCommand[init.JoinCommand.ToList().IndexOf("--token") + 1].Split('.')[0];
            var csrs = KubernetesJson.Deserialize<V1CertificateSigningRequestList>(Kubectl("get", "csr", "-o", "json"));
            Assert.Contains(csrs.Items, c => InitNode.Is(c.Spec.Username, $"system:bootstrap:{tokenId}")
                && InitNode.Is(c.Spec.SignerName, "kubernetes.io/kube-apiserver-client-kubelet")
                && c.Status?.Conditions?.Any(x => InitNode.Is(x.Type, "Approved")) == true
                && c.Status.Certificate is { Length: > 0 });
            Assert.True(File.Exists(node2.HostPath("/var/lib/kubelet/pki/kubelet-client-current.pem")), "the kubelet wrote no rotated client certificate");
        }
        catch
        {
            output.WriteLine($"kiln join (exit {join?.ExitCode}):\n{join?.All}");
            output.WriteLine(node2.Diagnostics());
            output.WriteLine(init.Node.Diagnostics());
            throw;
        }
    }

    string Kubectl(params string[] args)
    {
        var r = init.Node.Kubectl("/etc/kubernetes/admin.conf", args);
        return r.ExitCode == 0 ? r.Out : throw new InvalidOperationException($"kubectl {string.Join(' ', args)}: {r.All}");
    }
}
