using Kiln.Phases.Config.Model;

namespace Kiln.Phases.Sessions;

/// <summary>
/// A cluster known before the join runs, as an image build knows it from its state: nothing is fetched, and the
/// kubelet config is computed from the cluster config the way the control plane's upload-config publishes it.
/// </summary>
/// <param name="Server">The API server URL.</param>
/// <param name="CaPem">The cluster CA, PEM.</param>
/// <param name="Cluster">The cluster's ClusterConfiguration.</param>
public sealed record KnownClusterSource(string Server, byte[] CaPem, ClusterConfiguration Cluster) : IDiscoverySource
{
    /// <inheritdoc/>
    public string Describe => $"the cluster at {Server}, known from the build state";

    /// <inheritdoc/>
    public Task<FoundCluster> FindAsync(IProgress<DiscoveryNote> notes, CancellationToken cancellationToken) =>
        Task.FromResult(new FoundCluster(Server, CaPem, Cluster, null, null));
}
