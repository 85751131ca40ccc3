using System.Text;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Certs;

public class CertsPhasesTests
{
    static readonly Kiln.Phases.Workflow.Workflow s_init = Workflows.Init;

    [Fact]
    public async Task Init_DefaultEcdsa_WritesKubeadmTreeWithModes()
    {
        var root = new MemoryRoot();

        var (result, events) = await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), root, "certs", "kubeconfig");

        Assert.True(result.Succeeded, result.Error?.Message);
        var tree = string.Join('\n', root.Entries.Where(e => e.Value.Content is not null)
            .Select(e => $"{Convert.ToString((int)e.Value.Mode, 8)} {e.Key}"));
        Snapshot.Match(tree, "phases/certs/tree");
        var summaries = events.OfType<ArtifactWritten>().Select(w => $"{w.Path}: {w.Summary}");
        Snapshot.Match(string.Join('\n', summaries), "phases/certs/summaries");
        Assert.DoesNotContain(events.OfType<ArtifactWritten>(), w => w.Summary!.Contains("PRIVATE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Init_SecondRun_ReusesEveryFileAndChangesNothing()
    {
        var root = new MemoryRoot();
        var config = InitConfigs.Load();
        await PhaseRuns.RunAsync(s_init, config, root, "certs", "kubeconfig");
        var before = root.Entries.ToDictionary(e => e.Key, e => e.Value.Content, StringComparer.Ordinal);

        var (result, events) = await PhaseRuns.RunAsync(s_init, config, root, "certs", "kubeconfig");

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.DoesNotContain(events.OfType<ArtifactWritten>(), w => !w.Path.EndsWith("sa.pub", StringComparison.Ordinal));
        Assert.Equal(16, events.OfType<ArtifactReused>().Count(r => r.Path.EndsWith(".crt", StringComparison.Ordinal) || r.Path.EndsWith(".conf", StringComparison.Ordinal) || r.Path.EndsWith("sa.key", StringComparison.Ordinal)));
        Assert.All(root.Entries, e => Assert.Equal(before[e.Key], e.Value.Content));
    }

    [Fact]
    public async Task Ca_KeyWithoutCertificate_MakesTheCertificateForThatKeyAndKeepsIt()
    {
        // what a run killed between writing ca.key and ca.crt leaves
        var root = new MemoryRoot();
        await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), root, "certs/ca");
        var key = root.ReadAllBytes("/etc/kubernetes/pki/ca.key");
        root.Delete("/etc/kubernetes/pki/ca.crt");

        var (result, events) = await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), root, "certs/ca", "certs/apiserver");

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(key, root.ReadAllBytes("/etc/kubernetes/pki/ca.key"));
        var ca = Kiln.Phases.Certs.Pem.DecodeCertificate(root.ReadAllBytes("/etc/kubernetes/pki/ca.crt"), "ca.crt");
        var pair = Kiln.Phases.Certs.Pem.DecodePrivateKey(key, "ca.key");
        Assert.Equal(pair.Public, ca.GetPublicKey());
        Assert.Contains(events.OfType<PhaseNote>(), n => n.Text.Contains("ca.key has no certificate", StringComparison.Ordinal));
        Assert.DoesNotContain(events.OfType<ArtifactWritten>(), w => string.Equals(w.Path, "/etc/kubernetes/pki/ca.key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Leaf_KeyWithoutCertificate_MakesTheCertificateForThatKeyAndKeepsIt()
    {
        var root = new MemoryRoot();
        await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), root, "certs/ca", "certs/apiserver");
        var key = root.ReadAllBytes("/etc/kubernetes/pki/apiserver.key");
        root.Delete("/etc/kubernetes/pki/apiserver.crt");

        var (result, _) = await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), root, "certs/apiserver");

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(key, root.ReadAllBytes("/etc/kubernetes/pki/apiserver.key"));
        var cert = Kiln.Phases.Certs.Pem.DecodeCertificate(root.ReadAllBytes("/etc/kubernetes/pki/apiserver.crt"), "apiserver.crt");
        Assert.Equal(Kiln.Phases.Certs.Pem.DecodePrivateKey(key, "apiserver.key").Public, cert.GetPublicKey());
    }

    [Fact]
    public async Task Apiserver_ExistingCertWithOtherSans_FailsNamingMismatchAndLeavesFileUntouched()
    {
        var root = new MemoryRoot();
        await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), root, "certs/ca", "certs/apiserver");
        var old = root.ReadAllBytes("/etc/kubernetes/pki/apiserver.crt");

        var (result, _) = await PhaseRuns.RunAsync(s_init, InitConfigs.Load(clusterYaml: "apiServer:\n  certSANs: [lb.example.com, 192.168.7.7]\n"), root, "certs/apiserver");

        Assert.False(result.Succeeded);
        Assert.Equal("certs/apiserver", result.Error!.Phase.Value);
        Assert.Contains("memory:/etc/kubernetes/pki/apiserver.crt exists but does not fit the config: missing SANs: DNS:lb.example.com, IP:192.168.7.7", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(old, root.ReadAllBytes("/etc/kubernetes/pki/apiserver.crt"));
    }

    [Fact]
    public async Task Apiserver_CertFromAnotherCa_IsRefused()
    {
        var other = new MemoryRoot();
        await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), other, "certs/ca", "certs/apiserver");
        var root = new MemoryRoot();
        await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), root, "certs/ca");
        foreach (var f in (string[])["/etc/kubernetes/pki/apiserver.crt", "/etc/kubernetes/pki/apiserver.key"])
        {
            await root.WriteFileAsync(f, other.ReadAllBytes(f), CertsModes.Key, CancellationToken.None);
        }

        var (result, _) = await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), root, "certs/apiserver");

        Assert.Contains("not signed by the expected CA (CN=kubernetes)", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaf_UnreadableKey_IsRefusedWithoutEchoingIt()
    {
        var root = new MemoryRoot();
        await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), root, "certs/ca", "certs/front-proxy-ca", "certs/front-proxy-client");
        await root.WriteFileAsync("/etc/kubernetes/pki/front-proxy-client.key", Encoding.ASCII.GetBytes("-----BEGIN EC PRIVATE KEY-----\nc2VjcmV0\n-----END EC PRIVATE KEY-----\n"), CertsModes.Key, CancellationToken.None);

        var (result, _) = await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), root, "certs/front-proxy-client");

        Assert.Contains("front-proxy-client.key is not valid PEM", result.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaf_WithoutCa_SaysWhichPhaseToRunFirst()
    {
        var (result, _) = await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), new MemoryRoot(), "certs/etcd-server");

        Assert.Equal("/etc/kubernetes/pki/etcd/ca.crt not found in the target (memory:/etc/kubernetes/pki/etcd/ca.crt)", result.Error!.Message);
        Assert.Equal("run phase 'certs/etcd-ca' first, or provide the CA (external CA mode)", result.Error.Hint);
    }

    [Fact]
    public async Task ExternalCa_LeavesProvided_UsesThemAndSaysSo()
    {
        var root = new MemoryRoot();
        var config = InitConfigs.Load();
        await PhaseRuns.RunAsync(s_init, config, root, "certs", "kubeconfig");
        var external = new MemoryRoot();
        foreach (var (path, entry) in root.Entries.Where(e => e.Value.Content is not null && !string.Equals(e.Key, "/etc/kubernetes/pki/ca.key", StringComparison.Ordinal)))
        {
            await external.WriteFileAsync(path, entry.Content!, entry.Mode, CancellationToken.None);
        }

        var (result, events) = await PhaseRuns.RunAsync(s_init, config, external, "certs", "kubeconfig");

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Contains(events.OfType<PhaseNote>(), n => n.Text.StartsWith("External CA mode", StringComparison.Ordinal));
        Assert.False(external.Exists("/etc/kubernetes/pki/ca.key"));
    }

    [Fact]
    public async Task ExternalCa_LeafMissing_FailsExplainingWhy()
    {
        var root = new MemoryRoot();
        await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), root, "certs/ca");
        var external = new MemoryRoot();
        await external.WriteFileAsync("/etc/kubernetes/pki/ca.crt", root.ReadAllBytes("/etc/kubernetes/pki/ca.crt"), CertsModes.Cert, CancellationToken.None);

        var (result, _) = await PhaseRuns.RunAsync(s_init, InitConfigs.Load(), external, "certs/ca", "certs/apiserver");

        Assert.StartsWith("external CA mode: /etc/kubernetes/pki/apiserver.crt must be provided", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExternalEtcd_SkipsEtcdCertsWithReason()
    {
        var config = InitConfigs.Load(clusterYaml: "etcd:\n  external:\n    endpoints: [\"https://10.0.0.5:2379\"]\n    caFile: /etc/etcd/ca.crt\n    certFile: /etc/etcd/c.crt\n    keyFile: /etc/etcd/c.key\n");

        var (result, events) = await PhaseRuns.RunAsync(s_init, config, new MemoryRoot(), "certs");

        Assert.True(result.Succeeded);
        Assert.Equal(["certs/etcd-ca", "certs/etcd-server", "certs/etcd-peer", "certs/etcd-healthcheck-client", "certs/apiserver-etcd-client"],
            events.OfType<PhaseSkipped>().Where(s => string.Equals(s.Reason.Text, "external etcd", StringComparison.Ordinal)).Select(s => s.Phase.Value), StringComparer.Ordinal);
    }
}
