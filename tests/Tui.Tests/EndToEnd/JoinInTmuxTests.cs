using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;
using Kiln.TestKit;

namespace Kiln.Tui.Tests.EndToEnd;

/// <summary>
/// `kiln tui` joins a worker to a real cluster in a real terminal, by Enter and typed values alone; the kubelet
/// files it writes then pass the TLS bootstrap: a CSR made with them is approved and signed by the cluster.
/// </summary>
public sealed class JoinInTmuxTests(JoinCluster cluster) : IClassFixture<JoinCluster>, IDisposable
{
    readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("vt220", "C", "tui-serial")]
    [InlineData("xterm-256color", "C.UTF-8", "tui-default")]
    public async Task Tui_WorkerJoin_WritesTheKubeletFiles_WhoseBootstrapCsrIsApproved(string term, string lang, string nodeName)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["TERM"] = term, ["LANG"] = lang, ["TMPDIR"] = _dir.Path };
        using var tmux = new Tmux(80, 24, environment, "dotnet", TuiInTmuxTests.Kiln(), "tui", "--files-only", "--rootfs", _dir["node"]);
        var screens = new List<string>();

        screens.Add(tmux.WaitFor("Build a disk image"));
        tmux.Keys("Down");
        tmux.Keys("Enter");
        screens.Add(tmux.WaitFor("Join, step 1 of 3: Discovery"));
        foreach (var value in new[] { cluster.Endpoint, JoinCluster.Token, cluster.Pin })
        {
            tmux.Keys("Tab");
            tmux.Keys("-l", value);
        }

        screens.Add(tmux.WaitFor("a well-formed sha256 pin"));
        tmux.Keys("Enter");
        screens.Add(tmux.WaitFor("Join, step 2 of 3: Node"));
        // Tab to the address and type it; Shift+Tab back to the name selects it, so typing replaces the hostname
        tmux.Keys("Tab");
        tmux.Keys("-l", "127.0.0.1");
        tmux.Keys("BTab");
        tmux.Keys("-l", nodeName);
        tmux.Keys("Enter");
        screens.Add(tmux.WaitFor("Join, step 3 of 3: Review"));
        tmux.Keys("Enter");
        var done = tmux.WaitFor("Done: the node's files are written", 120);
        screens.Add(done);

        Assert.Contains("[x] kubelet-start", done, StringComparison.Ordinal);
        Assert.Contains($"The kubelet files of {nodeName} are in place", done, StringComparison.Ordinal);
        Assert.All(screens, s => Assert.DoesNotContain("0123456789abcdef", s, StringComparison.Ordinal));
        if (string.Equals(lang, "C", StringComparison.Ordinal))
        {
            // capture-pane -p prints what the terminal shows: nothing a non-UTF-8 serial terminal would garble
            Assert.All(screens, s => Assert.True(Encoding.UTF8.GetBytes(s).All(b => b < 0x80), "non-ASCII on screen:\n" + s));
        }

        tmux.Keys("Enter");
        var after = tmux.WaitFor("kiln exited with");
        Assert.Contains("kiln: join finished; log: ", after, StringComparison.Ordinal);
        Assert.Contains("kiln exited with 0", after, StringComparison.Ordinal);

        Assert.Equal(cluster.Ca, await File.ReadAllBytesAsync(_dir["node/etc/kubernetes/pki/ca.crt"]));
        Assert.Contains("kind: KubeletConfiguration", await File.ReadAllTextAsync(_dir["node/var/lib/kubelet/config.yaml"]), StringComparison.Ordinal);
        // the address chosen on the node step is the kubelet's --node-ip
        Assert.Contains("--node-ip=127.0.0.1", await File.ReadAllTextAsync(_dir["node/var/lib/kubelet/kubeadm-flags.env"]), StringComparison.Ordinal);
        var bootstrap = await File.ReadAllTextAsync(_dir["node/etc/kubernetes/bootstrap-kubelet.conf"]);
        Assert.Contains($"server: https://{cluster.Endpoint}", bootstrap, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir["node/etc/kubernetes/bootstrap-kubelet.conf"]));

        await AssertTlsBootstrapIsApprovedAsync(bootstrap, nodeName);
    }

    /// <summary>
    /// What the kubelet does first with bootstrap-kubelet.conf (no kubelet runs here): as the token in that file, ask
    /// for a node client certificate; the cluster's csrapproving controller approves it (kubeadm:node-autoapprove-bootstrap)
    /// and the signer issues it.
    /// </summary>
    async Task AssertTlsBootstrapIsApprovedAsync(string bootstrapKubeconfig, string nodeName)
    {
        var token = bootstrapKubeconfig.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..];
        using var asToken = new Kubernetes(new KubernetesClientConfiguration
        {
            Host = $"https://{cluster.Endpoint}", AccessToken = token, SslCaCerts = Kiln.Phases.Cluster.ClusterCa.Load(cluster.Ca),
        });
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"O=system:nodes, CN=system:node:{nodeName}"), key, HashAlgorithmName.SHA256);
        var created = await asToken.CertificatesV1.CreateCertificateSigningRequestAsync(new V1CertificateSigningRequest
        {
            Metadata = new V1ObjectMeta { GenerateName = "node-csr-" },
            Spec = new V1CertificateSigningRequestSpec
            {
                Request = Encoding.ASCII.GetBytes(request.CreateSigningRequestPem()),
                SignerName = "kubernetes.io/kube-apiserver-client-kubelet",
                Usages = ["digital signature", "key encipherment", "client auth"],
            },
        });
        Assert.Equal("system:bootstrap:abcdef", created.Spec.Username);

        using var admin = cluster.Cluster.Client("super-admin.conf");
        V1CertificateSigningRequest csr = created;
        for (var i = 0; i < 240 && csr.Status?.Certificate is not { Length: > 0 }; i++)
        {
            await Task.Delay(250);
            csr = await admin.CertificatesV1.ReadCertificateSigningRequestAsync(created.Metadata.Name);
        }

        Assert.True(csr.Status?.Conditions?.Any(c => string.Equals(c.Type, "Approved", StringComparison.Ordinal)) == true,
            $"the bootstrap CSR was not approved: {string.Join(", ", csr.Status?.Conditions?.Select(c => $"{c.Type} {c.Reason}") ?? [])}\n{cluster.Cluster.Logs()}");
        var certificate = csr.Status?.Certificate;
        Assert.True(certificate is { Length: > 0 }, "the approved CSR was never signed\n" + cluster.Cluster.Logs());
        using var issued = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(certificate));
        Assert.Equal($"CN=system:node:{nodeName}, O=system:nodes", issued.Subject);
    }
}
