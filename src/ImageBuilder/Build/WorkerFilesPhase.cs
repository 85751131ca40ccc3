using System.Text;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Kubelet;
using Kiln.Phases.Workflow;

namespace Kiln.ImageBuilder.Build;

/// <summary>
/// <c>image/join-files</c>: a worker's files for the kubelet's TLS bootstrap: bootstrap-kubelet.conf (the state's token and
/// CA), the kubelet's config.yaml and kubeadm-flags.env. Interim and image-only: the join phases of <c>kiln join</c>
/// (Workflows.Join, issue #5) replace it when they land, as the guard test then demands.
/// </summary>
public static class WorkerFilesPhase
{
    public const string BootstrapKubeconfig = "/etc/kubernetes/bootstrap-kubelet.conf";
    const UnixFileMode Public = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static PhaseDefinition Definition { get; } = new(PhaseId.Parse("image/join-files"),
        "Write the worker's bootstrap kubeconfig and kubelet settings", RunAsync)
    {
        Targets = TargetKinds.Image,
    };

    static async Task RunAsync(PhaseContext c, CancellationToken ct)
    {
        var join = c.Config.Join ?? throw new PhaseException("a worker image needs a JoinConfiguration");
        var discovery = join.Discovery.BootstrapToken ?? throw new PhaseException("a worker image needs discovery.bootstrapToken");
        var token = join.Discovery.TlsBootstrapToken ?? discovery.Token ?? throw new PhaseException("no bootstrap token");
        var ca = c.Target.ReadAllBytes(join.CaCertPath ?? $"{ConfigDefaults.CertificatesDir}/ca.crt");
        var kubeconfig = $"""
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: {Convert.ToBase64String(ca)}
                server: https://{discovery.ApiServerEndpoint}
              name: kubernetes
            contexts:
            - context:
                cluster: kubernetes
                user: tls-bootstrap-token-user
              name: tls-bootstrap-token-user@kubernetes
            current-context: tls-bootstrap-token-user@kubernetes
            kind: Config
            preferences: {"{}"}
            users:
            - name: tls-bootstrap-token-user
              user:
                token: {token}

            """;
        await c.WriteFileAsync(BootstrapKubeconfig, Encoding.UTF8.GetBytes(kubeconfig), Private,
            $"kubeconfig for the kubelet's TLS bootstrap against https://{discovery.ApiServerEndpoint} (token redacted)", ct);

        // the kubelet files of the node as kubeadm join writes them, from the cluster's defaults
        var asInit = c.Config with
        {
            Init = ConfigDefaults.Init(new InitConfiguration { NodeRegistration = join.NodeRegistration }) with
            {
                LocalApiEndpoint = new ApiEndpoint { AdvertiseAddress = "0.0.0.0" },
            },
            Cluster = c.Config.Cluster ?? ConfigDefaults.Cluster(new ClusterConfiguration()),
        };
        c.Target.CreateDirectory(KubeletFiles.Dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await c.WriteFileAsync($"{KubeletFiles.Dir}/config.yaml", Encoding.UTF8.GetBytes(KubeletFiles.Config(asInit)), Public, "KubeletConfiguration", ct);
        await c.WriteFileAsync($"{KubeletFiles.Dir}/kubeadm-flags.env", Encoding.UTF8.GetBytes(KubeletFiles.FlagsEnv(asInit)), Public, "kubelet flags", ct);
    }
}
