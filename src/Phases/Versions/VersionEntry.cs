namespace Kiln.Phases.Versions;

/// <summary>The images kubeadm pins for a range of patch releases of one minor (cmd/kubeadm/app/images/images.go).</summary>
/// <param name="From">First patch release of the range.</param>
/// <param name="Etcd">etcd image tag.</param>
/// <param name="CoreDns">CoreDNS image tag.</param>
/// <param name="Pause">pause image tag.</param>
public sealed record VersionEntry(KubernetesVersion From, string Etcd, string CoreDns, string Pause);
