namespace Kiln.Phases.Join;

/// <summary>
/// The cluster facts of a join, found once, by the first phase that asks (kubeadm discovers in kubelet-start, after
/// preflight: cmd/kubeadm/app/cmd/phases/join/kubelet.go), so preflight fails before anything is fetched.
/// </summary>
public sealed class JoinFacts(Func<CancellationToken, Task<ClusterFacts>> find)
{
    Task<ClusterFacts>? _found;

    /// <summary>The facts; the first call runs discovery, later calls share its result (or its failure).</summary>
    public Task<ClusterFacts> GetAsync(CancellationToken cancellationToken) => _found ??= find(cancellationToken);
}
