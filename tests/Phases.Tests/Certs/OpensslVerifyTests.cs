using Kiln.Phases.Targets;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Certs;

/// <summary>Kiln's PKI checked by the real openssl CLI, as an operator would check kubeadm's.</summary>
public class OpensslVerifyTests
{
    static async Task<TempDir> InitAsync(string algorithm, string clusterYaml = "", string initYaml = "")
    {
        var dir = new TempDir("kiln-pki-");
        var config = InitConfigs.Load(clusterYaml, initYaml, algorithm);
        var (result, _) = await PhaseRuns.RunAsync(Workflows.Init, config, new HostRoot(dir.Path), "certs", "kubeconfig");
        Assert.True(result.Succeeded, result.Error?.Message);
        return dir;
    }

    static Tool.Result Openssl(TempDir dir, params string[] args) => Tool.RunIn(dir["etc/kubernetes/pki"], "openssl", args);

    static void AssertVerifies(TempDir dir, string ca, string cert, string purpose, params string[] extra)
    {
        var r = Openssl(dir, ["verify", "-CAfile", ca, "-purpose", purpose, .. extra, cert]);
        Assert.True(r.ExitCode == 0 && r.Out.Contains(": OK", StringComparison.Ordinal), $"openssl verify {cert}: {r.All}");
    }

    static void AssertKeyMatches(TempDir dir, string name)
    {
        var fromCert = Openssl(dir, "x509", "-in", $"{name}.crt", "-noout", "-pubkey").Out;
        var fromKey = Openssl(dir, "pkey", "-in", $"{name}.key", "-pubout").Out;
        Assert.False(string.IsNullOrWhiteSpace(fromCert));
        Assert.Equal(fromCert, fromKey);
    }

    [Theory]
    [InlineData("RSA-2048", "sha256WithRSAEncryption")]
    [InlineData("ECDSA-P256", "ecdsa-with-SHA256")]
    [InlineData("ECDSA-P384", "ecdsa-with-SHA384")]
    public async Task Pki_EveryLeaf_VerifiesAgainstItsCaWithTheRightPurpose(string algorithm, string signature)
    {
        using var dir = await InitAsync(algorithm);

        AssertVerifies(dir, "ca.crt", "apiserver.crt", "sslserver", "-verify_hostname", "kubernetes.default.svc.cluster.local");
        AssertVerifies(dir, "ca.crt", "apiserver.crt", "sslserver", "-verify_ip", "10.96.0.1");
        AssertVerifies(dir, "ca.crt", "apiserver.crt", "sslserver", "-verify_ip", "10.0.0.10");
        AssertVerifies(dir, "ca.crt", "apiserver-kubelet-client.crt", "sslclient");
        AssertVerifies(dir, "front-proxy-ca.crt", "front-proxy-client.crt", "sslclient");
        AssertVerifies(dir, "etcd/ca.crt", "etcd/server.crt", "sslserver", "-verify_ip", "127.0.0.1");
        AssertVerifies(dir, "etcd/ca.crt", "etcd/server.crt", "sslclient");
        AssertVerifies(dir, "etcd/ca.crt", "etcd/peer.crt", "sslserver", "-verify_hostname", "node1");
        AssertVerifies(dir, "etcd/ca.crt", "etcd/healthcheck-client.crt", "sslclient");
        AssertVerifies(dir, "etcd/ca.crt", "apiserver-etcd-client.crt", "sslclient");
        foreach (var name in (string[])["ca", "apiserver", "apiserver-kubelet-client", "front-proxy-ca", "front-proxy-client", "etcd/ca", "etcd/server",
            "etcd/peer", "etcd/healthcheck-client", "apiserver-etcd-client"])
        {
            AssertKeyMatches(dir, name);
        }

        var text = Openssl(dir, "x509", "-in", "apiserver.crt", "-noout", "-text").Out;
        Assert.Contains($"Signature Algorithm: {signature}", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment", text, StringComparison.Ordinal);
        Assert.Equal(Openssl(dir, "pkey", "-in", "sa.key", "-pubout").Out, File.ReadAllText(dir["etc/kubernetes/pki/sa.pub"]));
    }

    [Fact]
    public async Task Pki_ServerCert_RefusesNamesItWasNotIssuedFor()
    {
        using var dir = await InitAsync("ECDSA-P256");

        var r = Openssl(dir, "verify", "-CAfile", "ca.crt", "-purpose", "sslserver", "-verify_hostname", "evil.example.com", "apiserver.crt");
        var client = Openssl(dir, "verify", "-CAfile", "ca.crt", "-purpose", "sslserver", "apiserver-kubelet-client.crt");

        Assert.NotEqual(0, r.ExitCode);
        Assert.NotEqual(0, client.ExitCode);
    }

    [Fact]
    public async Task Pki_DualStackWithEndpointAndCertSans_CoversEveryName()
    {
        using var dir = await InitAsync("ECDSA-P256",
            clusterYaml: "controlPlaneEndpoint: \"[fd00::100]:6443\"\nnetworking:\n  serviceSubnet: fd00:10:96::/112,10.96.0.0/16\n  podSubnet: fd00:10:244::/56,10.244.0.0/16\napiServer:\n  certSANs: [\"*.apps.example.com\", 192.168.1.50]\n",
            initYaml: "");

        AssertVerifies(dir, "ca.crt", "apiserver.crt", "sslserver", "-verify_ip", "fd00::100");
        AssertVerifies(dir, "ca.crt", "apiserver.crt", "sslserver", "-verify_ip", "fd00:10:96::1");
        AssertVerifies(dir, "ca.crt", "apiserver.crt", "sslserver", "-verify_ip", "192.168.1.50");
        AssertVerifies(dir, "ca.crt", "apiserver.crt", "sslserver", "-verify_hostname", "console.apps.example.com");
        var admin = Tool.Run("kubectl", "config", "view", "--kubeconfig", dir["etc/kubernetes/admin.conf"], "-o", "jsonpath={.clusters[0].cluster.server}");
        Assert.Equal("https://[fd00::100]:6443", admin.Out);
    }
}
