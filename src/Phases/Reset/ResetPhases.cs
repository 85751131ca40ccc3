using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Reset;

/// <summary>
/// <c>kiln reset</c>'s file work (cmd/kubeadm/app/cmd/phases/reset/cleanupnode.go): the etcd data, the manifests, the kubelet's directory, the
/// certificates and the kubeconfigs, after stopping the kubelet and unmounting its volumes. Removing containers needs
/// a CRI client; the phase says so.
/// </summary>
public static class ResetPhases
{
    const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    static readonly string[] s_kubeconfigs = ["admin.conf", "super-admin.conf", "kubelet.conf", "bootstrap-kubelet.conf", "controller-manager.conf", "scheduler.conf"];

    /// <summary>The reset workflow.</summary>
    public static Workflow.Workflow Workflow { get; } = Kiln.Phases.Workflow.Workflow.Create("reset",
    [
        new(PhaseId.Parse("remove-etcd-member"), "Remove a local etcd member's data", RemoveEtcdDataAsync),
        new(PhaseId.Parse("cleanup-node"), "Run cleanup of the node", CleanupAsync),
    ]);

    static ResetConfiguration Reset(PhaseContext c) => c.Config.Reset ?? ConfigDefaults.Reset(new ResetConfiguration());

    static Task RemoveEtcdDataAsync(PhaseContext c, CancellationToken ct)
    {
        if (c.Config.Cluster?.Etcd.External is not null)
        {
            c.Note("external etcd: remove this node's data from your etcd cluster yourself");
            return Task.CompletedTask;
        }

        RemoveContents(c, c.Config.Cluster?.Etcd.Local?.DataDir ?? "/var/lib/etcd", Private);
        return Task.CompletedTask;
    }

    static async Task CleanupAsync(PhaseContext c, CancellationToken ct)
    {
        var reset = Reset(c);
        if (c.Live is { } live)
        {
            await live.Services.StopAsync("kubelet", ct);
            c.Note("stopped the kubelet");
        }
        else
        {
            c.Note("the kubelet was not stopped: this run is for another root (--rootfs)");
        }

        c.Note("not done by Kiln yet: removing the containers through the CRI; `crictl rmp -af` removes the pods");
        RemoveContents(c, "/etc/kubernetes/manifests", Private);
        // the pods' volumes (secrets, NFS shares, CSI volumes) are unmounted first, as kubeadm does: the removal below
        // never goes through a mounted filesystem, so what a volume holds is never deleted
        foreach (var unmounted in c.Target.Unmount("/var/lib/kubelet"))
        {
            c.Note($"unmounted {unmounted}");
        }

        RemoveContents(c, "/var/lib/kubelet", Private);
        var pki = reset.CertificatesDir ?? c.Config.Cluster?.CertificatesDir ?? ConfigDefaults.CertificatesDir;
        if (!string.Equals(pki, ConfigDefaults.CertificatesDir, StringComparison.Ordinal))
        {
            c.Note($"warning: removing the contents of the non-default certificates directory {pki}");
        }

        RemoveContents(c, pki, NodePathMode);
        if (reset.CleanupTmpDir)
        {
            Removed(c, c.Target.Delete("/etc/kubernetes/tmp"));
        }

        foreach (var name in s_kubeconfigs)
        {
            Removed(c, c.Target.Delete($"/etc/kubernetes/{name}"));
        }

        c.Note("not touched: iptables/nftables/IPVS rules, CNI configuration in /etc/cni/net.d, and $HOME/.kube/config; clean them up yourself");
    }

    const UnixFileMode NodePathMode = Targets.NodePath.DefaultDirectoryMode;

    // kubeadm empties these directories but keeps them
    static void RemoveContents(PhaseContext c, string dir, UnixFileMode mode)
    {
        var removed = c.Target.Delete(dir);
        if (removed.Count > 0)
        {
            c.Target.CreateDirectory(dir, mode);
        }

        Removed(c, removed.Skip(1));
    }

    static void Removed(PhaseContext c, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            c.Events.Report(new ArtifactRemoved(c.Phase, c.Clock.GetUtcNow(), path));
        }
    }
}
