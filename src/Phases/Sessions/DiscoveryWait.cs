namespace Kiln.Phases.Sessions;

/// <summary>How long discovery waits for the cluster, and how often it asks.</summary>
/// <param name="Timeout">The whole wait (<c>timeouts.discovery</c>, kubeadm's default 5 minutes).</param>
/// <param name="Interval">Between attempts.</param>
/// <param name="Clock">Time.</param>
public sealed record DiscoveryWait(TimeSpan Timeout, TimeSpan Interval, TimeProvider Clock);
