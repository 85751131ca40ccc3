namespace Kiln.Phases.Sessions;

/// <summary>
/// Where a join learns its cluster: a bootstrap token with a CA pin, a kubeconfig file or https URL, or an image
/// build's state. A source is asked once, by the first phase that needs the cluster (kubeadm discovers in
/// kubelet-start, after preflight); making one connects to nothing.
/// </summary>
public interface IDiscoverySource
{
    /// <summary>Where the cluster is learned from, in a few words (no secret), for plans.</summary>
    string Describe { get; }

    /// <summary>Finds the cluster; throws <see cref="Workflow.PhaseException"/> with a hint when it cannot.</summary>
    Task<FoundCluster> FindAsync(IProgress<DiscoveryNote> notes, CancellationToken cancellationToken);
}
