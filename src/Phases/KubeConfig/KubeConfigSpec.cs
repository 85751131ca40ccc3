using Kiln.Phases.Config;

namespace Kiln.Phases.KubeConfig;

/// <summary>One kubeconfig kubeadm writes (cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go).</summary>
/// <param name="Name">Phase-style name (<c>controller-manager</c>).</param>
/// <param name="FileName">File under /etc/kubernetes.</param>
/// <param name="User">Client certificate CN (= user name) for a node name.</param>
/// <param name="Organizations">Client certificate O (groups).</param>
/// <param name="UsesControlPlaneEndpoint">Server is the controlPlaneEndpoint when set; else always the local endpoint.</param>
/// <param name="Summary">Phase summary.</param>
public sealed record KubeConfigSpec(string Name, string FileName, Func<string, string> User, IReadOnlyList<string> Organizations,
    bool UsesControlPlaneEndpoint, string Summary)
{
    /// <summary>The node path.</summary>
    public string Path => $"/etc/kubernetes/{FileName}";

    /// <summary>The server URL for this config.</summary>
    public string Server(KubeadmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var init = config.Init ?? throw new InvalidOperationException("kubeconfigs need an InitConfiguration");
        return UsesControlPlaneEndpoint ? ApiEndpoints.ControlPlane(init, config.Cluster ?? new()) : ApiEndpoints.Local(init);
    }
}
