using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Versions;

namespace Kiln.Phases.Images;

/// <summary>The container images a control-plane node needs, in kubeadm's order (cmd/kubeadm/app/images/images.go).</summary>
public static class ControlPlaneImages
{
    /// <summary>One image reference per component.</summary>
    /// <param name="Component">kube-apiserver, etcd, coredns, ...</param>
    /// <param name="Reference">Full reference, registry/name:tag.</param>
    public sealed record Image(string Component, string Reference);

    /// <summary>The images of a defaulted, validated cluster config.</summary>
    public static IReadOnlyList<Image> For(ClusterConfiguration cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var version = KubernetesVersion.Parse(cluster.KubernetesVersion ?? VersionTable.Default.ToString());
        var entry = VersionTable.EntryFor(version);
        var repo = cluster.ImageRepository ?? ConfigDefaults.ImageRepository;
        var images = new List<Image>();
        foreach (var component in (string[])["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy"])
        {
            if (!string.Equals(component, "kube-proxy", StringComparison.Ordinal) || !cluster.Proxy.Disabled)
            {
                images.Add(new(component, $"{repo}/{component}:{version}"));
            }
        }

        if (!cluster.Dns.Disabled)
        {
            // the default registry keeps CoreDNS under an extra coredns/ path; a mirror does not
            var dnsRepo = cluster.Dns.ImageRepository ?? (string.Equals(repo, ConfigDefaults.ImageRepository, StringComparison.Ordinal) ? $"{repo}/coredns" : repo);
            images.Add(new("coredns", $"{dnsRepo}/coredns:{cluster.Dns.ImageTag ?? entry.CoreDns}"));
        }

        images.Add(new("pause", $"{repo}/pause:{entry.Pause}"));
        if (cluster.Etcd.External is null)
        {
            var etcdRepo = cluster.Etcd.Local?.ImageRepository ?? repo;
            images.Add(new("etcd", $"{etcdRepo}/etcd:{cluster.Etcd.Local?.ImageTag ?? entry.Etcd}"));
        }

        return images;
    }
}
