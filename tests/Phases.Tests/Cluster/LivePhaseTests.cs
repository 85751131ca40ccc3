using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using Kiln.Phases.Addons;
using Kiln.Phases.Certs;
using Kiln.Phases.Cluster;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Live;
using Kiln.Phases.Targets;
using Kiln.Phases.Tokens;
using Kiln.Phases.Workflow;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Cluster;

/// <summary>The live phases' pure parts; the phases themselves run against a real API server in Cli.Tests.LiveClusterTests.</summary>
public class LivePhaseTests
{
    [Fact]
    public void CertificateKeyCipher_MatchesTheGcmSpecVector_AndOpensOnlyWithTheKey()
    {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 14: 256-bit zero key, zero IV, one zero block
        var key = new string('0', 64);
        var sealedValue = CertificateKeyCipher.Seal(key, new byte[16], new byte[12]);
        Assert.Equal("000000000000000000000000" + "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919", Convert.ToHexStringLower(sealedValue));

        var realKey = CertificateKey.New();
        var secret = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI...\n"u8.ToArray();
        var a = CertificateKeyCipher.Seal(realKey, secret);
        var b = CertificateKeyCipher.Seal(realKey, secret);
        Assert.NotEqual(a, b); // a fresh nonce each time
        Assert.Equal(secret, CertificateKeyCipher.Open(realKey, a));
        Assert.ThrowsAny<CryptographicException>(() => CertificateKeyCipher.Open(CertificateKey.New(), a));
        a[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => CertificateKeyCipher.Open(realKey, a));
    }

    [Fact]
    public void TokenSecret_HasKubeadmsKeys_AndReadsBack()
    {
        var token = new BootstrapToken { Token = "abcdef.0123456789abcdef", Description = "d", Ttl = Kiln.Phases.Config.GoDuration.FromHours(24) };
        var secret = BootstrapTokenSecret.From(BootstrapTokenSecret.Defaults(token), TestContexts.Epoch).ToSecret();
        Assert.Equal(("bootstrap-token-abcdef", "kube-system", "bootstrap.kubernetes.io/token"), (secret.Metadata.Name, secret.Metadata.NamespaceProperty, secret.Type));
        string Get(string k) => Encoding.UTF8.GetString(secret.Data[k]);
        Assert.Equal("abcdef", Get("token-id"));
        Assert.Equal("0123456789abcdef", Get("token-secret"));
        Assert.Equal("2026-01-03T03:04:05Z", Get("expiration"));
        Assert.Equal("true", Get("usage-bootstrap-signing"));
        Assert.Equal("true", Get("usage-bootstrap-authentication"));
        Assert.Equal("system:bootstrappers:kubeadm:default-node-token", Get("auth-extra-groups"));

        var back = BootstrapTokenSecret.FromSecret(secret)!;
        Assert.Equal("abcdef.0123456789abcdef", back.Token.Reveal());
        Assert.Equal(TestContexts.Epoch.AddHours(24), back.Expires);
        Assert.DoesNotContain("0123456789abcdef", back.ToString(), StringComparison.Ordinal);
        Assert.Null(BootstrapTokenSecret.FromSecret(new V1Secret { Type = "Opaque", Data = secret.Data }));
    }

    [Fact]
    public void MarkControlPlanePatch_AddsOnlyWhatIsMissing_AndKeepsOtherTaints()
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "n", ResourceVersion = "42", Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["a"] = "b" } },
            Spec = new V1NodeSpec { Taints = [new V1Taint { Key = "gpu", Effect = "NoExecute", Value = "yes" }] },
        };
        var patch = MarkControlPlanePhase.Patch(node, MarkControlPlanePhase.Taints(new NodeRegistrationOptions()))!;
        Assert.Contains("{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"42\"}", patch, StringComparison.Ordinal);
        Assert.Contains("/metadata/labels/node-role.kubernetes.io~1control-plane", patch, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"/spec/taints\",\"value\":[{\"key\":\"gpu\",\"effect\":\"NoExecute\",\"value\":\"yes\"},{\"key\":\"node-role.kubernetes.io/control-plane\",\"effect\":\"NoSchedule\"}]", patch, StringComparison.Ordinal);

        node.Metadata.Labels[MarkControlPlanePhase.RoleLabel] = "";
        node.Metadata.Labels[MarkControlPlanePhase.ExcludeLabel] = "";
        node.Spec.Taints.Add(new V1Taint { Key = MarkControlPlanePhase.RoleLabel, Effect = "NoSchedule" });
        Assert.Null(MarkControlPlanePhase.Patch(node, MarkControlPlanePhase.Taints(new NodeRegistrationOptions())));
        Assert.Empty(MarkControlPlanePhase.Taints(new NodeRegistrationOptions { Taints = [] }));
    }

    [Fact]
    public void WaitEndpoints_FollowTheConfig_AndTheMinor()
    {
        var config = InitConfigs.Load("controllerManager:\n  extraArgs:\n  - {name: secure-port, value: \"11257\"}\n");
        var urls = WaitControlPlanePhase.Endpoints(config).Select(e => $"{e.Component} {e.Url} {e.VerifyWithCa}").ToList();
        Assert.Equal(
        [
            "kubelet http://127.0.0.1:10248/healthz False",
            "kube-apiserver https://10.0.0.10:6443/livez True",
            "kube-controller-manager https://127.0.0.1:11257/healthz False",
            "kube-scheduler https://127.0.0.1:10259/livez False",
        ], urls);
    }

    [Theory]
    [InlineData("v1.37.0", false, "", true)]
    [InlineData("v1.37.0", true, "", null)]
    [InlineData("v1.35.0", false, "failCgroupV1: false\n", false)]
    [InlineData("v1.34.2", false, "", null)]
    public async Task Preflight_CgroupV1_IsAnErrorForKubeletFrom135(string version, bool v2, string kubelet, bool? error)
    {
        using var cgroup = new TempDir();
        if (v2)
        {
            File.WriteAllText(cgroup["cgroup.controllers"], "cpu memory pids\n");
        }

        var text = InitConfigs.Text().Replace("v1.37.0", version, StringComparison.Ordinal)
            + (kubelet.Length > 0 ? "---\napiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n" + kubelet : "");
        var config = Kiln.Phases.Config.ConfigLoader.Load("c.yaml", text, TestHost.Facts).Config!;
        var (context, _, _) = TestContexts.Create(config, new MemoryRoot());
        context = context with
        {
            Live = new LiveNode(new RecordingServices(), Cluster: null) { Probe = new HostProbe("/nonexistent", []) { CgroupRoot = cgroup.Path } },
            Phase = PhaseId.Parse("preflight"),
        };

        var finding = (await PreflightPhase.InitChecksAsync(context, CancellationToken.None)).SingleOrDefault(f => string.Equals(f.Check, "SystemVerification", StringComparison.Ordinal));

        Assert.Equal(error, finding?.IsError);
    }

    [Fact]
    public async Task Preflight_NamesEachCheck_AndIgnoringTurnsErrorsIntoWarnings()
    {
        using var proc = new TempDir();
        Directory.CreateDirectory(proc["sys/net/ipv4"]);
        File.WriteAllText(proc["sys/net/ipv4/ip_forward"], "0\n");
        File.WriteAllText(proc["meminfo"], "MemTotal:        1024000 kB\n");
        File.WriteAllText(proc["swaps"], "Filename Type Size Used Priority\n/swapfile file 1 0 -2\n");
        var probe = new HostProbe(proc.Path, []) { ProcessorCount = 1, IsRoot = false, CgroupRoot = proc.Path };
        var root = new MemoryRoot();
        await root.WriteFileAsync("/etc/kubernetes/manifests/etcd.yaml", "x"u8.ToArray(), UnixFileMode.UserRead, CancellationToken.None);
        // an etcd data dir holding only a directory is not empty (it used to pass: only files were counted)
        root.CreateDirectory("/var/lib/etcd/member", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (context, events, _) = TestContexts.Create(InitConfigs.Load(), root);
        var live = new LiveNode(new RecordingServices(), Cluster: null)
        {
            Probe = probe,
        };
        context = context with { Live = live, Phase = PhaseId.Parse("preflight") };

        var findings = await PreflightPhase.InitChecksAsync(context, CancellationToken.None);
        var names = findings.Select(f => f.Check).ToList();
        Assert.Contains("IsPrivilegedUser", names, StringComparer.Ordinal);
        Assert.Contains("NumCPU", names, StringComparer.Ordinal);
        Assert.Contains("Mem", names, StringComparer.Ordinal);
        Assert.Contains("FileAvailable--etc-kubernetes-manifests-etcd.yaml", names, StringComparer.Ordinal);
        Assert.Contains("DirAvailable--var-lib-etcd", names, StringComparer.Ordinal);
        Assert.Contains("FileContent--proc-sys-net-ipv4-ip_forward", names, StringComparer.Ordinal);
        Assert.Contains("FileExisting-iptables", names, StringComparer.Ordinal);
        Assert.True(findings.Single(f => string.Equals(f.Check, "SystemVerification", StringComparison.Ordinal)).IsError);
        Assert.False(findings.Single(f => string.Equals(f.Check, "Swap", StringComparison.Ordinal)).IsError);
        Assert.False(findings.Single(f => string.Equals(f.Check, "FileExisting-ethtool", StringComparison.Ordinal)).IsError);

        var e = Assert.Throws<PhaseException>(() => PreflightPhase.Report(context, findings, new HashSet<string>(StringComparer.Ordinal) { "numcpu" }));
        Assert.Contains("\t[ERROR Mem]: the system RAM (1000 MB) is less than the minimum 1700 MB", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERROR NumCPU]", e.Message, StringComparison.Ordinal);
        Assert.Contains("--ignore-preflight-errors=IsPrivilegedUser,Mem", e.Hint, StringComparison.Ordinal);

        PreflightPhase.Report(context, findings, new HashSet<string>(StringComparer.Ordinal) { "all" });
        Assert.Contains(events.Events.OfType<PhaseNote>(), n => string.Equals(n.Text, "[WARNING NumCPU]: the number of available CPUs 1 is less than the required 2", StringComparison.Ordinal));
    }

    [Fact]
    public void ClusterInfoAndCorefile_HaveKubeadmsShape()
    {
        var info = BootstrapTokenPhase.ClusterInfoKubeConfig("https://10.0.0.10:6443", "PEM"u8.ToArray());
        Assert.Equal("apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: UEVN\n    server: https://10.0.0.10:6443\n  name: \"\"\ncontexts: null\ncurrent-context: \"\"\nkind: Config\npreferences: {}\nusers: null\n", info);
        Assert.Contains("    cache 30 {\n       disable success example.org\n       disable denial example.org\n    }\n", CoreDnsAddon.Corefile("example.org"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "10.0.0.10", "http://proxy:3128")]
    [InlineData("10.0.0.10", "10.0.0.10", null)]
    [InlineData("localhost,10.0.0.0/8", "10.0.0.10", null)]
    [InlineData("*", "10.96.0.1", null)]
    [InlineData("192.168.0.0/16,example.org", "10.96.0.1", "http://proxy:3128")]
    public void ProxyFor_HonoursNoProxyHostsAndCidrs(string noProxy, string address, string? expected)
    {
        KeyValuePair<string, string>[] environment = [new("HTTPS_PROXY", "http://proxy:3128"), new("no_proxy", noProxy)];
        Assert.Equal(expected, PreflightPhase.ProxyFor(environment, address));
        Assert.Null(PreflightPhase.ProxyFor([], address));
    }
}
