namespace Kiln.Phases.KubeConfig;

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
