using Kiln.Phases.Config.Model;
using k8s;

namespace Kiln.Phases.Sessions;

/// <summary>What a discovery source found.</summary>
/// <param name="Server">The API server URL the kubelet bootstraps against.</param>
/// <param name="CaPem">The cluster CA, PEM.</param>
/// <param name="Cluster">The cluster's ClusterConfiguration.</param>
/// <param name="KubeletConfig">
/// The cluster's KubeletConfiguration (the <c>kubelet-config</c> ConfigMap's <c>kubelet</c> key), or null when the
/// cluster was not read: the session then computes it from <paramref name="Cluster"/> as upload-config publishes it.
/// </param>
/// <param name="Client">The cluster API as the bootstrap token, when the source read the cluster.</param>
public sealed record FoundCluster(string Server, byte[] CaPem, ClusterConfiguration Cluster, string? KubeletConfig, IKubernetes? Client);
