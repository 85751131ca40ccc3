using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using Kiln.Phases.Cluster;
using Kiln.Phases.Config;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.Kubelet;
using Kiln.Phases.Live;
using Kiln.Phases.StaticPods;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Join;

/// <summary>The worker join phases (cmd/kubeadm/app/cmd/phases/join/kubelet.go, cmd/kubeadm/app/preflight/checks.go).</summary>
public static class JoinPhases
{
    /// <summary>The bootstrap kubeconfig the kubelet uses for its TLS bootstrap.</summary>
    public const string BootstrapKubeConfig = "/etc/kubernetes/bootstrap-kubelet.conf";

    /// <summary>The kubeconfig the kubelet writes when its bootstrap succeeded.</summary>
    public const string KubeletKubeConfig = "/etc/kubernetes/kubelet.conf";

    const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>preflight for a worker join.</summary>
    public static PhaseDefinition Preflight { get; } = LivePhase.Define("preflight", "Run join pre-flight checks", Capabilities.NodeProbe, RunPreflightAsync);

    /// <summary>kubelet-start for a join: bootstrap kubeconfig, CA, kubelet config and flags; on a live node, the TLS bootstrap.</summary>
    public static PhaseDefinition KubeletStart { get; } = new(PhaseId.Parse("kubelet-start"),
        "Write a file with KubeletConfiguration and perform the kubelet TLS bootstrap", RunKubeletStartAsync);

    /// <summary>The bootstrap kubeconfig text: token user <c>tls-bootstrap-token-user</c>, cluster <c>kubernetes</c>.</summary>
    public static string BootstrapKubeConfigText(JoinInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return KubeConfigBuilder.Write(KubeConfigBuilder.Create("kubernetes", inputs.Server, inputs.CaPem, "tls-bootstrap-token-user",
            new UserEntry { Token = inputs.Token.Reveal() }));
    }

    static Task<ClusterFacts> FactsAsync(PhaseContext c, CancellationToken ct) =>
        (c.Joining ?? throw new InvalidOperationException("a join phase ran without a join session")).GetAsync(ct);

    static async Task RunPreflightAsync(PhaseContext c, CancellationToken ct)
    {
        var live = LivePhase.Require(c);
        var findings = new List<PreflightFinding>();
        if (!live.Probe.IsRoot)
        {
            findings.Add(new("IsPrivilegedUser", "user is not running as root", true));
        }

        const string manifests = "/etc/kubernetes/manifests";
        if (c.Target.HasEntries(manifests))
        {
            findings.Add(new("DirAvailable--etc-kubernetes-manifests", $"{c.Target.Describe(manifests)} is not empty", true));
        }

        // before discovery: the path this join writes the CA to (kubeadm checks cfg.CACertPath: cmd/kubeadm/app/preflight/checks.go)
        var ca = c.Config.Join?.CaCertPath ?? $"{ConfigDefaults.CertificatesDir}/ca.crt";
        foreach (var path in (string[])[KubeletKubeConfig, BootstrapKubeConfig, ca])
        {
            if (c.Target.Exists(path))
            {
                findings.Add(new(PreflightPhase.FileAvailable(path), $"{c.Target.Describe(path)} already exists", true));
            }
        }

        if (live.Probe.ReadProc("sys/net/ipv4/ip_forward")?.Trim() is { } forward && !string.Equals(forward, "1", StringComparison.Ordinal))
        {
            findings.Add(new("FileContent--proc-sys-net-ipv4-ip_forward", "/proc/sys/net/ipv4/ip_forward contents are not set to 1", true));
        }

        var registration = c.Config.Join?.NodeRegistration ?? c.Config.Init?.NodeRegistration ?? new();
        findings.AddRange(await PreflightPhase.CommonChecksAsync(c, live, registration.Name ?? "", registration.CriSocket, [], ct));
        PreflightPhase.Report(c, findings, live.IgnorePreflightErrors);
    }

    static async Task RunKubeletStartAsync(PhaseContext c, CancellationToken ct)
    {
        var facts = await FactsAsync(c, ct);
        var (config, inputs) = (facts.Config, facts.Inputs);
        var live = c.Live;
        var i = ManifestInputs.For(config);
        if (live is not null)
        {
            await RefuseReadyNodeAsync(c, live, i.NodeName, ct);
        }

        await c.WriteFileAsync(BootstrapKubeConfig, Encoding.UTF8.GetBytes(BootstrapKubeConfigText(inputs)), Private,
            $"TLS bootstrap credentials for {inputs.Server} (token {inputs.Token.Id})", ct);
        var caPath = config.Join?.CaCertPath ?? $"{i.Pki}/ca.crt";
        if (c.Target.Exists(caPath))
        {
            c.Reused(caPath);
        }
        else
        {
            c.Target.CreateDirectory(i.Pki, Public | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            await c.WriteFileAsync(caPath, inputs.CaPem, Public, "the cluster CA, from discovery", ct);
        }

        if (live is not null)
        {
            await live.Services.StopAsync("kubelet", ct);
        }

        c.Target.CreateDirectory(KubeletFiles.Dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (kubelet, applied) = Patches.ApplyToYaml(c.Target, config.Join?.Patches?.Directory, "kubeletconfiguration", KubeletFiles.ForNode(inputs.KubeletConfig, config, c.Host));
        foreach (var p in applied)
        {
            c.Note($"applied patch {p}");
        }

        await c.WriteFileAsync($"{KubeletFiles.Dir}/config.yaml", Encoding.UTF8.GetBytes(kubelet), Public, "KubeletConfiguration from the cluster's kubelet-config", ct);
        await c.WriteFileAsync($"{KubeletFiles.Dir}/kubeadm-flags.env", Encoding.UTF8.GetBytes(KubeletFiles.FlagsEnv(config, c.Host, registerTaints: true)), Public, "kubelet flags", ct);
        if (KubeletFiles.InstanceConfig(config) is { } instance)
        {
            await c.WriteFileAsync($"{KubeletFiles.Dir}/instance-config.yaml", Encoding.UTF8.GetBytes(instance), Public, "this node's CRI socket (NodeLocalCRISocket)", ct);
        }

        if (live is null)
        {
            c.Note("the kubelet was not started: this run writes files only; it bootstraps with bootstrap-kubelet.conf when it starts");
            return;
        }

        await live.Services.RestartAsync("kubelet", ct);
        var timeout = config.Join?.Timeouts?.TlsBootstrap?.Value ?? TimeSpan.FromMinutes(5);
        var deadline = c.Clock.GetUtcNow() + timeout;
        while (!c.Target.Exists(KubeletKubeConfig))
        {
            if (c.Clock.GetUtcNow() >= deadline)
            {
                throw new PhaseException($"the kubelet did not complete its TLS bootstrap within {timeout}: no {c.Target.Describe(KubeletKubeConfig)}",
                    "check `journalctl -xeu kubelet`; the token may have expired, or the CSR was not approved");
            }

            await Task.Delay(live.PollInterval, c.Clock, ct);
        }

        c.Note("the kubelet completed its TLS bootstrap");
        c.Target.Delete(BootstrapKubeConfig);
    }

    static async Task RefuseReadyNodeAsync(PhaseContext c, LiveNode live, string name, CancellationToken ct)
    {
        if (live.Cluster is null)
        {
            return;
        }

        try
        {
            var client = await live.Cluster.GetAsync(ct);
            var node = await client.CoreV1.ReadNodeAsync(name, cancellationToken: ct);
            if (node.Status?.Conditions?.Any(x => string.Equals(x.Type, "Ready", StringComparison.Ordinal) && string.Equals(x.Status, "True", StringComparison.Ordinal)) == true)
            {
                throw new PhaseException($"a Node named {name} already exists in the cluster and is Ready",
                    "pick another --node-name, or `kubectl delete node " + name + "` first");
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // no such node (or the token may not look): fine
        }
    }
}
