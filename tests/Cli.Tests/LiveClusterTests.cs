using System.Net;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kiln.Phases.Tokens;
using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public sealed class LiveClusterTests(LiveCluster live) : IClassFixture<LiveCluster>
{
    Kubernetes Admin() => live.Cluster.Client("admin.conf");

    string Pin() => CaPin.OfPem(File.ReadAllBytes(Path.Combine(live.Root, "etc/kubernetes/pki/ca.crt")), "ca.crt");

    string Explain(Cli.Result r) => $"exit {r.ExitCode}\n--- out\n{r.Out}\n--- err\n{r.Err}\n{live.Cluster.Logs()}";

    [Fact]
    public void Init_RunsEveryLivePhase_AndPrintsTheJoinCommand()
    {
        Assert.True(live.Init.ExitCode == 0, Explain(live.Init));
        foreach (var phase in (string[])["preflight", "wait-control-plane", "upload-config/kubeadm", "upload-config/kubelet", "upload-certs",
            "mark-control-plane", "bootstrap-token", "kubelet-finalize/enable-client-cert-rotation", "addon/coredns", "addon/kube-proxy", "show-join-command"])
        {
            Assert.Contains($"[{phase}] done", live.Init.Out, StringComparison.Ordinal);
        }

        // the files of the first run are reused, not rewritten
        Assert.Contains("[certs/ca] using existing /etc/kubernetes/pki/ca.crt", live.Init.Out, StringComparison.Ordinal);
        Assert.Equal(["stop kubelet", "restart kubelet"], live.Services.Calls);
        Assert.True(live.KubeletProbes > 0, "wait-control-plane never asked the kubelet's health port");
        Assert.Contains("[preflight] [WARNING Port-", live.Init.Out, StringComparison.Ordinal);
        var pin = Pin();
        Assert.Contains($"kiln join 127.0.0.1:{live.ApiPort} --token {LiveCluster.Token} --discovery-token-ca-cert-hash {pin}\n", live.Init.Out, StringComparison.Ordinal);
        // the token reaches stdout once, in the join command; never an event line
        Assert.DoesNotContain(live.Init.Out.Split('\n').Where(l => l.StartsWith('[')), l => l.Contains("0123456789abcdef", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cluster_HoldsKubeadmsConfigMapsTokenAndRbac()
    {
        Assert.True(live.Init.ExitCode == 0, Explain(live.Init));
        using var admin = Admin();
        var kubeadmConfig = await admin.CoreV1.ReadNamespacedConfigMapAsync("kubeadm-config", "kube-system");
        Assert.Contains("kind: ClusterConfiguration", kubeadmConfig.Data["ClusterConfiguration"], StringComparison.Ordinal);
        Assert.Contains("podSubnet: 10.244.0.0/16", kubeadmConfig.Data["ClusterConfiguration"], StringComparison.Ordinal);
        var kubeletConfig = await admin.CoreV1.ReadNamespacedConfigMapAsync("kubelet-config", "kube-system");
        Assert.Contains("kind: KubeletConfiguration", kubeletConfig.Data["kubelet"], StringComparison.Ordinal);

        var secret = await admin.CoreV1.ReadNamespacedSecretAsync("bootstrap-token-abcdef", "kube-system");
        Assert.Equal("bootstrap.kubernetes.io/token", secret.Type);
        Assert.Equal("0123456789abcdef", Encoding.UTF8.GetString(secret.Data["token-secret"]));
        Assert.Equal("true", Encoding.UTF8.GetString(secret.Data["usage-bootstrap-authentication"]));
        Assert.Equal("system:bootstrappers:kubeadm:default-node-token", Encoding.UTF8.GetString(secret.Data["auth-extra-groups"]));
        Assert.True(DateTimeOffset.Parse(Encoding.UTF8.GetString(secret.Data["expiration"]), System.Globalization.CultureInfo.InvariantCulture) > TimeProvider.System.GetUtcNow().AddHours(23));

        var bindings = (await admin.RbacAuthorizationV1.ListClusterRoleBindingAsync()).Items.ToDictionary(b => b.Metadata.Name, StringComparer.Ordinal);
        Assert.Equal("cluster-admin", bindings["kubeadm:cluster-admins"].RoleRef.Name);
        Assert.Equal("system:node-bootstrapper", bindings["kubeadm:kubelet-bootstrap"].RoleRef.Name);
        Assert.Equal("system:certificates.k8s.io:certificatesigningrequests:nodeclient", bindings["kubeadm:node-autoapprove-bootstrap"].RoleRef.Name);
        Assert.Equal("system:nodes", bindings["kubeadm:node-autoapprove-certificate-rotation"].Subjects.Single().Name);
        Assert.Equal("kube-proxy", bindings["kubeadm:node-proxier"].Subjects.Single().Name);
        var clusterInfoRole = await admin.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("kubeadm:bootstrap-signer-clusterinfo", "kube-public");
        Assert.Equal("system:anonymous", clusterInfoRole.Subjects.Single().Name);

        var certs = await admin.CoreV1.ReadNamespacedSecretAsync("kubeadm-certs", "kube-system");
        Assert.Equal(["ca.crt", "ca.key", "etcd-ca.crt", "etcd-ca.key", "front-proxy-ca.crt", "front-proxy-ca.key", "sa.key", "sa.pub"], certs.Data.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.StartsWith(BootstrapTokenSecret.NamePrefix, certs.Metadata.OwnerReferences.Single().Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_IsLabelledAndTainted()
    {
        Assert.True(live.Init.ExitCode == 0, Explain(live.Init));
        using var admin = Admin();
        var node = await admin.CoreV1.ReadNodeAsync("node1");
        Assert.Equal("", node.Metadata.Labels["node-role.kubernetes.io/control-plane"]);
        Assert.Equal("", node.Metadata.Labels["node.kubernetes.io/exclude-from-external-load-balancers"]);
        // the real node-lifecycle controller adds node.kubernetes.io/* taints to a Node no kubelet reports for; those are not Kiln's
        var taint = Assert.Single(node.Spec.Taints, t => !t.Key.StartsWith("node.kubernetes.io/", StringComparison.Ordinal));
        Assert.Equal(("node-role.kubernetes.io/control-plane", "NoSchedule"), (taint.Key, taint.Effect));
    }

    [Fact]
    public async Task Addons_CoreDnsAndKubeProxy()
    {
        Assert.True(live.Init.ExitCode == 0, Explain(live.Init));
        using var admin = Admin();
        var dns = await admin.AppsV1.ReadNamespacedDeploymentAsync("coredns", "kube-system");
        Assert.Equal(2, dns.Spec.Replicas);
        Assert.Equal("registry.k8s.io/coredns/coredns:v1.14.6", dns.Spec.Template.Spec.Containers.Single().Image);
        var service = await admin.CoreV1.ReadNamespacedServiceAsync("kube-dns", "kube-system");
        Assert.Equal("10.96.0.10", service.Spec.ClusterIP);
        var corefile = (await admin.CoreV1.ReadNamespacedConfigMapAsync("coredns", "kube-system")).Data["Corefile"];
        Assert.Contains("kubernetes cluster.local in-addr.arpa ip6.arpa", corefile, StringComparison.Ordinal);

        var proxy = await admin.AppsV1.ReadNamespacedDaemonSetAsync("kube-proxy", "kube-system");
        Assert.Equal("registry.k8s.io/kube-proxy:v1.37.0", proxy.Spec.Template.Spec.Containers.Single().Image);
        Assert.True(proxy.Spec.Template.Spec.HostNetwork);
        var proxyConfig = await admin.CoreV1.ReadNamespacedConfigMapAsync("kube-proxy", "kube-system");
        Assert.Matches("(?m)^clusterCIDR: \"?10\\.244\\.0\\.0/16\"?$", proxyConfig.Data["config.conf"]);
        Assert.Contains($"server: https://127.0.0.1:{live.ApiPort}", proxyConfig.Data["kubeconfig.conf"], StringComparison.Ordinal);
    }

    // kubeadm's checksum (cmd/kubeadm/app/componentconfigs/checksums.go), computed here from what the API server holds:
    // SHA-256 over the data values in key order
    static string Checksum(V1ConfigMap configMap) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(
            configMap.Data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Value)))));

    static string? HashAnnotation(V1ConfigMap configMap) =>
        configMap.Metadata.Annotations?.TryGetValue("kubeadm.kubernetes.io/component-config.hash", out var v) == true ? v : null;

    [Fact]
    public async Task ComponentConfigMaps_AreSignedWhenKilnMadeTheConfig_AndUnsignedWhenTheUserGaveIt()
    {
        Assert.True(live.Init.ExitCode == 0, Explain(live.Init));
        using var admin = Admin();

        // no KubeProxyConfiguration in the init config: Kiln's own, signed
        var proxy = await admin.CoreV1.ReadNamespacedConfigMapAsync("kube-proxy", "kube-system");
        Assert.Equal(2, proxy.Data.Count);
        Assert.Equal(Checksum(proxy), HashAnnotation(proxy));
        // the init config has a KubeletConfiguration (healthzPort): the user's, unsigned
        Assert.Null(HashAnnotation(await admin.CoreV1.ReadNamespacedConfigMapAsync("kubelet-config", "kube-system")));

        // the same cluster config without the KubeletConfiguration: kubelet-config is Kiln's and signed; with it again, unsigned
        var text = await File.ReadAllTextAsync(live.Config);
        using var dir = new TempDir("kiln-sign-");
        await File.WriteAllTextAsync(dir["generated.yaml"], text[..text.IndexOf("---\napiVersion: kubelet.config.k8s.io", StringComparison.Ordinal)]);
        var kubeconfig = Path.Combine(live.Root, "etc/kubernetes/admin.conf");
        try
        {
            var generated = Cli.Run("init", "phase", "upload-config", "kubelet", "--rootfs", live.Root, "--config", dir["generated.yaml"], "--kubeconfig", kubeconfig);
            Assert.True(generated.ExitCode == 0, Explain(generated));
            var signed = await admin.CoreV1.ReadNamespacedConfigMapAsync("kubelet-config", "kube-system");
            Assert.DoesNotContain("healthzPort: " + live.KubeletPort, signed.Data["kubelet"], StringComparison.Ordinal);
            Assert.Equal(Checksum(signed), HashAnnotation(signed));
        }
        finally
        {
            var restored = Cli.Run("init", "phase", "upload-config", "kubelet", "--rootfs", live.Root, "--config", live.Config, "--kubeconfig", kubeconfig);
            Assert.True(restored.ExitCode == 0, Explain(restored));
        }

        var user = await admin.CoreV1.ReadNamespacedConfigMapAsync("kubelet-config", "kube-system");
        Assert.Contains("healthzPort: " + live.KubeletPort, user.Data["kubelet"], StringComparison.Ordinal);
        Assert.Null(HashAnnotation(user));
    }

    [Fact]
    public async Task BootstrapToken_Authenticates_WrongSecretDoesNot()
    {
        Assert.True(live.Init.ExitCode == 0, Explain(live.Init));
        using var admin = Admin();
        async Task<HttpStatusCode> ListNodesAs(string token)
        {
            using var client = new Kubernetes(new KubernetesClientConfiguration { Host = admin.BaseUri.ToString(), AccessToken = token, SslCaCerts = Kiln.Phases.Cluster.ClusterCa.Load(File.ReadAllBytes(Path.Combine(live.Root, "etc/kubernetes/pki/ca.crt"))) });
            var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedSecretAsync("kube-system"));
            return e.Response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await ListNodesAs(LiveCluster.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await ListNodesAs("abcdef.ffffffffffffffff"));
    }

    [Fact]
    public async Task Join_VerifiesTheRealSignature_AndRefusesWrongPinAndWrongToken()
    {
        Assert.True(live.Init.ExitCode == 0, Explain(live.Init));
        await WaitForSignatureAsync();
        var pin = Pin();
        using var node = new TempDir("kiln-join-");
        var endpoint = $"127.0.0.1:{live.ApiPort}";
        var ok = Cli.Run("join", endpoint, "--token", LiveCluster.Token, "--discovery-token-ca-cert-hash", pin, "--node-name", "node2", "--files-only", "--rootfs", node.Path);
        Assert.True(ok.ExitCode == 0, Explain(ok));
        Assert.Contains($"CA matches {pin}", ok.Err, StringComparison.Ordinal);
        var bootstrap = await File.ReadAllTextAsync(node["etc/kubernetes/bootstrap-kubelet.conf"]);
        Assert.Contains($"server: https://127.0.0.1:{live.ApiPort}", bootstrap, StringComparison.Ordinal);
        Assert.Contains("token: " + LiveCluster.Token, bootstrap, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(node["etc/kubernetes/bootstrap-kubelet.conf"]));
        Assert.Equal(File.ReadAllBytes(Path.Combine(live.Root, "etc/kubernetes/pki/ca.crt")), File.ReadAllBytes(node["etc/kubernetes/pki/ca.crt"]));
        Assert.Contains("kind: KubeletConfiguration", await File.ReadAllTextAsync(node["var/lib/kubelet/config.yaml"]), StringComparison.Ordinal);
        Assert.StartsWith("KUBELET_KUBEADM_ARGS=", await File.ReadAllTextAsync(node["var/lib/kubelet/kubeadm-flags.env"]), StringComparison.Ordinal);

        using var other = new TempDir("kiln-join-");
        var wrongPin = Cli.Run("join", endpoint, "--token", LiveCluster.Token, "--discovery-token-ca-cert-hash", "sha256:" + new string('0', 64), "--files-only", "--rootfs", other.Path);
        Assert.Equal(1, wrongPin.ExitCode);
        Assert.Contains("matches none of the given --discovery-token-ca-cert-hash", wrongPin.Err, StringComparison.Ordinal);
        var wrongToken = Cli.Run("join", endpoint, "--token", "abcdef.ffffffffffffffff", "--discovery-token-ca-cert-hash", pin, "--files-only", "--rootfs", other.Path);
        Assert.Equal(1, wrongToken.ExitCode);
        Assert.Contains("the token is wrong", wrongToken.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(other["etc/kubernetes/bootstrap-kubelet.conf"]), "a refused join wrote files");

        var unpinned = Cli.Run("join", endpoint, "--token", LiveCluster.Token, "--discovery-token-unsafe-skip-ca-verification", "--dry-run", "--node-name", "node4");
        Assert.True(unpinned.ExitCode == 0, Explain(unpinned));
        Assert.Contains("warning: --discovery-token-unsafe-skip-ca-verification", unpinned.Err, StringComparison.Ordinal);
        Assert.Contains("[kubelet-start] would write /etc/kubernetes/bootstrap-kubelet.conf (0600)", unpinned.Out, StringComparison.Ordinal);
        var nopin = Cli.Run("join", endpoint, "--token", LiveCluster.Token, "--dry-run");
        Assert.Equal(2, nopin.ExitCode);

        // file discovery: the cluster and CA from a kubeconfig handed over out of band
        using var files = new TempDir("kiln-join-");
        var ca = await File.ReadAllBytesAsync(Path.Combine(live.Root, "etc/kubernetes/pki/ca.crt"));
        await File.WriteAllTextAsync(files["discovery.conf"], Kiln.Phases.Cluster.BootstrapTokenPhase.ClusterInfoKubeConfig($"https://{endpoint}", ca));
        var fromFile = Cli.Run("join", "--discovery-file", files["discovery.conf"], "--token", LiveCluster.Token, "--files-only", "--rootfs", files["node"], "--node-name", "node5");
        Assert.True(fromFile.ExitCode == 0, Explain(fromFile));
        Assert.Equal(ca, await File.ReadAllBytesAsync(files["node/etc/kubernetes/pki/ca.crt"]));
        var badFile = Cli.Run("join", "--discovery-file", files["missing.conf"], "--token", LiveCluster.Token, "--files-only", "--rootfs", files["node2"]);
        Assert.Equal(1, badFile.ExitCode);
        Assert.Contains("missing.conf", badFile.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_DiscoveryFileOverHttps_VerifiesTheServerWithTheHostsCas()
    {
        Assert.True(live.Init.ExitCode == 0, Explain(live.Init));
        using var dir = new TempDir("kiln-join-");
        var ca = await File.ReadAllBytesAsync(Path.Combine(live.Root, "etc/kubernetes/pki/ca.crt"));
        var discovery = Kiln.Phases.Cluster.BootstrapTokenPhase.ClusterInfoKubeConfig($"https://127.0.0.1:{live.ApiPort}", ca);
        using var server = new HttpsFileServer(dir.Path, "/discovery.conf", Encoding.UTF8.GetBytes(discovery));
        Directory.CreateDirectory(dir["no-cas"]);
        // the host trusts only the server's CA: the published kiln reads the host's CAs from these, as OpenSSL does
        var trusting = new Dictionary<string, string>(StringComparer.Ordinal) { ["SSL_CERT_FILE"] = server.CaFile, ["SSL_CERT_DIR"] = dir["no-cas"] };
        string Explained(Tool.Result r) => $"exit {r.ExitCode}\n--- out\n{r.Out}\n--- err\n{r.Err}";

        var ok = PublishedKiln.Run(Repo.Root, trusting, "join", "--discovery-file", server.Url, "--token", LiveCluster.Token, "--node-name", "node7",
            "--files-only", "--rootfs", dir["node"]);
        Assert.True(ok.ExitCode == 0, Explained(ok));
        Assert.Contains($"[discovery] read the discovery kubeconfig from {server.Url}", ok.Err, StringComparison.Ordinal);
        Assert.Equal(ca, await File.ReadAllBytesAsync(dir["node/etc/kubernetes/pki/ca.crt"]));
        Assert.Contains($"server: https://127.0.0.1:{live.ApiPort}", await File.ReadAllTextAsync(dir["node/etc/kubernetes/bootstrap-kubelet.conf"]), StringComparison.Ordinal);

        // this host's own CAs do not include the test CA: the server is refused, and nothing is written
        var untrusted = Cli.Run("join", "--discovery-file", server.Url, "--token", LiveCluster.Token, "--files-only", "--rootfs", dir["other"]);
        Assert.Equal(1, untrusted.ExitCode);
        Assert.Contains($"cannot read the discovery kubeconfig from {server.Url}: its server certificate is not trusted by this host", untrusted.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["other"]), "a refused join wrote files");

        var missing = PublishedKiln.Run(Repo.Root, trusting, "join", "--discovery-file", server.Missing, "--token", LiveCluster.Token, "--files-only", "--rootfs", dir["other"]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"cannot read the discovery kubeconfig from {server.Missing}: HTTP 404 NotFound", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void InitPhase_AgainstTheClusterOfKubeconfig_IsIdempotent()
    {
        Assert.True(live.Init.ExitCode == 0, Explain(live.Init));
        var kubeconfig = Path.Combine(live.Root, "etc/kubernetes/admin.conf");
        var again = Cli.Run("init", "phase", "mark-control-plane", "--rootfs", live.Root, "--config", live.Config, "--kubeconfig", kubeconfig);
        Assert.True(again.ExitCode == 0, Explain(again));
        Assert.Contains("node node1 already carries the control-plane labels and taints", again.Out, StringComparison.Ordinal);
        var upload = Cli.Run("init", "phase", "upload-config", "all", "--rootfs", live.Root, "--config", live.Config, "--kubeconfig", kubeconfig);
        Assert.True(upload.ExitCode == 0, Explain(upload));
        Assert.Contains("[upload-config/kubeadm] updated ConfigMap kube-system/kubeadm-config", upload.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedKiln_RunsTheLiveCommands()
    {
        // the published kiln talks to the cluster through the AOT Kubernetes client: its phases, tokens and discovery
        Assert.True(live.Init.ExitCode == 0, Explain(live.Init));
        var kubeconfig = Path.Combine(live.Root, "etc/kubernetes/admin.conf");
        string Explained(Tool.Result r) => $"exit {r.ExitCode}\n--- out\n{r.Out}\n--- err\n{r.Err}\n{live.Cluster.Logs()}";
        foreach (var phase in (string[][])[["upload-config", "all"], ["mark-control-plane"], ["bootstrap-token"], ["addon", "all"]])
        {
            string[] args = ["init", "phase", .. phase, "--rootfs", live.Root, "--config", live.Config, "--kubeconfig", kubeconfig];
            var inProcess = Cli.Run(args);
            var published = PublishedKiln.Run(args);
            // every phase is run again on a cluster that has it all: both must update what exists
            Assert.True(inProcess.ExitCode == 0, Explain(inProcess));
            Assert.True(published.ExitCode == 0, Explained(published));
            // the same lines, but for how long each phase took
            static string Untimed(string text) => System.Text.RegularExpressions.Regex.Replace(text, @" done in [0-9.]+s", " done", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            Assert.Equal(Untimed(inProcess.Out), Untimed(published.Out));
        }

        var created = PublishedKiln.Run("token", "create", "--kubeconfig", kubeconfig, "--description", "published");
        Assert.True(created.ExitCode == 0, Explained(created));
        var token = BootstrapTokenString.TryParse(created.Out.Trim())!;
        var list = PublishedKiln.Run("token", "list", "--kubeconfig", kubeconfig, "-o", "yaml");
        Assert.Contains($"token: {token.Reveal()}", list.Out, StringComparison.Ordinal);
        Assert.Equal(0, PublishedKiln.Run("token", "delete", "--kubeconfig", kubeconfig, token.Id).ExitCode);
        using var admin = Admin();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => admin.CoreV1.ReadNamespacedSecretAsync("bootstrap-token-" + token.Id, "kube-system"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);

        await WaitForSignatureAsync();
        using var node = new TempDir("kiln-join-");
        var join = PublishedKiln.Run("join", $"127.0.0.1:{live.ApiPort}", "--token", LiveCluster.Token, "--discovery-token-ca-cert-hash", Pin(),
            "--node-name", "node6", "--files-only", "--rootfs", node.Path);
        Assert.True(join.ExitCode == 0, Explained(join));
        Assert.Equal(File.ReadAllBytes(Path.Combine(live.Root, "etc/kubernetes/pki/ca.crt")), File.ReadAllBytes(node["etc/kubernetes/pki/ca.crt"]));
        Assert.Contains("kind: KubeletConfiguration", await File.ReadAllTextAsync(node["var/lib/kubelet/config.yaml"]), StringComparison.Ordinal);
        var wrong = PublishedKiln.Run("join", $"127.0.0.1:{live.ApiPort}", "--token", "abcdef.ffffffffffffffff", "--discovery-token-ca-cert-hash", Pin(),
            "--files-only", "--rootfs", node["other"]);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("the token is wrong", wrong.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_OnALiveNode_StartsTheKubelet_WaitsForItsBootstrap_AndDropsTheBootstrapKubeconfig()
    {
        Assert.True(live.Init.ExitCode == 0, Explain(live.Init));
        await WaitForSignatureAsync();
        var pin = Pin();
        using var node = new TempDir("kiln-join-");
        var kubelet = new BootstrappingKubelet(node["etc/kubernetes/kubelet.conf"]);
        var result = await Cli.RunWithAsync(c => c with { Services = kubelet, PollInterval = TimeSpan.FromMilliseconds(100) }, Repo.Root,
            "join", $"127.0.0.1:{live.ApiPort}", "--token", LiveCluster.Token, "--discovery-token-ca-cert-hash", pin, "--node-name", "node3",
            "--rootfs", node.Path, "--ignore-preflight-errors=all");
        Assert.True(result.ExitCode == 0, Explain(result));
        Assert.Equal(["stop kubelet", "restart kubelet"], kubelet.Calls);
        Assert.Contains("[kubelet-start] the kubelet completed its TLS bootstrap", result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(node["etc/kubernetes/bootstrap-kubelet.conf"]), "bootstrap-kubelet.conf must go once the kubelet has its own credentials");
        Assert.Contains("[preflight] [WARNING CRI]", result.Out, StringComparison.Ordinal);
    }

    /// <summary>Stands in for the kubelet (none runs here): on start it "completes" its TLS bootstrap by writing kubelet.conf.</summary>
    sealed class BootstrappingKubelet(string kubeletConf) : Kiln.Phases.Live.IServiceManager
    {
        readonly RecordingServices _calls = new();

        public IReadOnlyList<string> Calls => _calls.Calls;

        public Task StopAsync(string unit, CancellationToken cancellationToken) => _calls.StopAsync(unit, cancellationToken);

        public async Task RestartAsync(string unit, CancellationToken cancellationToken)
        {
            await _calls.RestartAsync(unit, cancellationToken);
            await File.WriteAllTextAsync(kubeletConf, "apiVersion: v1\nkind: Config\n", cancellationToken);
        }

        public Task<bool> IsEnabledAsync(string unit, CancellationToken cancellationToken) => Task.FromResult(true);
    }

    [Fact]
    public async Task TokenCommands_CreateListDelete()
    {
        Assert.True(live.Init.ExitCode == 0, Explain(live.Init));
        var kubeconfig = Path.Combine(live.Root, "etc/kubernetes/admin.conf");
        var created = Cli.Run("token", "create", "--kubeconfig", kubeconfig, "--ttl", "2h", "--description", "for node3");
        Assert.True(created.ExitCode == 0, Explain(created));
        var token = BootstrapTokenString.TryParse(created.Out.Trim());
        Assert.NotNull(token);

        var list = Cli.Run("token", "list", "--kubeconfig", kubeconfig);
        Assert.Equal(0, list.ExitCode);
        Assert.StartsWith("TOKEN", list.Out, StringComparison.Ordinal);
        var row = list.Out.Split('\n').Single(l => l.StartsWith(token.Reveal(), StringComparison.Ordinal));
        Assert.Contains("for node3", row, StringComparison.Ordinal);
        Assert.Contains("signing,authentication", row, StringComparison.Ordinal);

        var json = Cli.Run("token", "list", "--kubeconfig", kubeconfig, "-o", "json");
        using var doc = System.Text.Json.JsonDocument.Parse(json.Out);
        Assert.Contains(doc.RootElement.EnumerateArray(), t => string.Equals(t.GetProperty("token").GetString(), token.Reveal(), StringComparison.Ordinal));

        var printed = Cli.Run("token", "create", "--kubeconfig", kubeconfig, "--print-join-command");
        Assert.Matches($@"^kiln join 127\.0\.0\.1:{live.ApiPort} --token [a-z0-9]{{6}}\.[a-z0-9]{{16}} --discovery-token-ca-cert-hash sha256:[0-9a-f]{{64}}\n$", printed.Out);

        var deleted = Cli.Run("token", "delete", "--kubeconfig", kubeconfig, token.Id);
        Assert.Equal(0, deleted.ExitCode);
        using var admin = Admin();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => admin.CoreV1.ReadNamespacedSecretAsync("bootstrap-token-" + token.Id, "kube-system"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);

        var bad = Cli.Run("token", "create", "--kubeconfig", kubeconfig, "NOTATOKEN");
        Assert.Equal(2, bad.ExitCode);
        Assert.DoesNotContain("NOTATOKEN", bad.Err, StringComparison.Ordinal);
    }

    async Task WaitForSignatureAsync()
    {
        using var admin = Admin();
        for (var i = 0; i < 120; i++)
        {
            var info = await admin.CoreV1.ReadNamespacedConfigMapAsync("cluster-info", "kube-public");
            if (info.Data.ContainsKey("jws-kubeconfig-abcdef"))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("the controller-manager's bootstrapsigner never signed cluster-info\n" + live.Cluster.Logs());
    }
}
