using Kiln.Phases.Config;

namespace Kiln.Phases.KubeConfig;

/// <summary>One kubeconfig kubeadm writes (reference §2).</summary>
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

/// <summary>kubeadm's kubeconfigs in its order.</summary>
public static class KubeConfigSpecs
{
    /// <summary>admin, super-admin, kubelet, controller-manager, scheduler.</summary>
    public static IReadOnlyList<KubeConfigSpec> All { get; } =
    [
        new("admin", "admin.conf", _ => "kubernetes-admin", ["kubeadm:cluster-admins"], true,
            "Generate a kubeconfig file for the admin to use and for kubeadm itself"),
        new("super-admin", "super-admin.conf", _ => "kubernetes-super-admin", ["system:masters"], true,
            "Generate a kubeconfig file for the super-admin"),
        new("kubelet", "kubelet.conf", node => $"system:node:{node}", ["system:nodes"], true,
            "Generate a kubeconfig file for the kubelet to use *only* for cluster bootstrapping purposes"),
        new("controller-manager", "controller-manager.conf", _ => "system:kube-controller-manager", [], false,
            "Generate a kubeconfig file for the controller manager to use"),
        new("scheduler", "scheduler.conf", _ => "system:kube-scheduler", [], false,
            "Generate a kubeconfig file for the scheduler to use"),
    ];
}
