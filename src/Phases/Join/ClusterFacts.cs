using k8s;
using Kiln.Phases.Config;

namespace Kiln.Phases.Join;

/// <summary>What a join knows of its cluster once discovery ran: the composed config, the inputs, the token's client.</summary>
/// <param name="Config">The join config with the cluster's ClusterConfiguration and the node's registration.</param>
/// <param name="Inputs">Endpoint, CA, token and the cluster's kubelet config.</param>
/// <param name="Client">The cluster API as the bootstrap token; null when nothing was read (image builds).</param>
public sealed record ClusterFacts(KubeadmConfig Config, JoinInputs Inputs, IKubernetes? Client);
