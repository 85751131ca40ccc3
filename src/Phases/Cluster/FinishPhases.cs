using System.Text;
using Kiln.Phases.Config;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.Tokens;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Cluster;

/// <summary><c>kubelet-finalize/enable-client-cert-rotation</c> and <c>show-join-command</c>, the end of init.</summary>
public static class FinishPhases
{
    /// <summary>Where the kubelet keeps its rotated client certificate and key.</summary>
    public const string KubeletClientCurrent = "/var/lib/kubelet/pki/kubelet-client-current.pem";

    /// <summary>kubelet-finalize/enable-client-cert-rotation.</summary>
    public static PhaseDefinition KubeletFinalize { get; } = LivePhase.Define("kubelet-finalize/enable-client-cert-rotation",
        "Enable kubelet client certificate rotation", Capabilities.NodeProbe, RunFinalizeAsync);

    /// <summary>show-join-command.</summary>
    public static PhaseDefinition ShowJoinCommand { get; } = LivePhase.Define("show-join-command",
        "Show the join command for control-plane and worker node", Capabilities.ClusterApi, RunShowJoinAsync);

    /// <summary>The join commands: worker, and control plane when a certificate key was uploaded. Holds the token: never log it.</summary>
    public static IReadOnlyList<JoinCommand> JoinCommands(KubeadmConfig config, byte[] caPem, bool uploadedCerts)
    {
        ArgumentNullException.ThrowIfNull(config);
        var token = (config.Init?.BootstrapTokens ?? []).FirstOrDefault(t => t.Usages?.Contains("authentication", StringComparer.Ordinal) != false && t.Token is not null)?.Token
            ?? throw new PhaseException("no bootstrap token that authenticates", "add one to bootstrapTokens, or create one with `kiln token create`");
        var endpoint = ApiEndpoints.ControlPlane(config.Init ?? new(), config.Cluster ?? new())["https://".Length..];
        var pin = CaPin.OfPem(caPem, "ca.crt");
        var worker = new JoinCommand(endpoint, token, pin);
        var commands = new List<JoinCommand> { worker };
        if (uploadedCerts && config.Init?.CertificateKey is { } key && config.Cluster?.ControlPlaneEndpoint is { Length: > 0 })
        {
            commands.Insert(0, worker with { CertificateKey = key });
        }

        return commands;
    }

    static async Task RunFinalizeAsync(PhaseContext c, CancellationToken ct)
    {
        const string path = "/etc/kubernetes/kubelet.conf";
        if (!c.Target.Exists(KubeletClientCurrent))
        {
            c.Note($"{KubeletClientCurrent} does not exist yet: kubelet.conf keeps its embedded credentials");
            return;
        }

        var (document, problem) = KubeConfigReader.Read(c.Target.Describe(path), c.Target.ReadAllBytes(path));
        if (document is null)
        {
            throw new PhaseException($"{c.Target.Describe(path)}: {problem}");
        }

        var rotating = new UserEntry { ClientCertificate = KubeletClientCurrent, ClientKey = KubeletClientCurrent };
        if (document.Users.All(u => u.User == rotating))
        {
            c.Reused(path);
            return;
        }

        var updated = document with { Users = [.. document.Users.Select(u => u with { User = rotating })] };
        await c.WriteFileAsync(path, Encoding.UTF8.GetBytes(KubeConfigBuilder.Write(updated)), UnixFileMode.UserRead | UnixFileMode.UserWrite,
            "client credentials now point at the kubelet's rotated certificate", ct);
    }

    static Task RunShowJoinAsync(PhaseContext c, CancellationToken ct)
    {
        var live = LivePhase.Require(c);
        var caPath = $"{c.Config.Cluster?.CertificatesDir ?? ConfigDefaults.CertificatesDir}/ca.crt";
        var commands = JoinCommands(c.Config, c.Target.ReadAllBytes(caPath), live.UploadCerts);
        live.Secrets?.JoinCommands(commands);
        // the commands hold the token: the event says where they went, not what they are
        c.Note(live.Secrets is { } sink ? $"join command {sink.Destination} (it holds the token: keep it private)" : "join command not shown (no output for it)");
        return Task.CompletedTask;
    }
}
