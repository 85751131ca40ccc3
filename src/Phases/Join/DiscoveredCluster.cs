namespace Kiln.Phases.Join;

/// <summary>What token discovery learned: the API server to bootstrap against and the cluster CA it proved.</summary>
/// <param name="Server">The server URL from cluster-info.</param>
/// <param name="CaPem">The cluster CA certificate(s), PEM.</param>
/// <param name="Pin">The CA pin that matched, or null when verification was skipped.</param>
public sealed record DiscoveredCluster(string Server, byte[] CaPem, string? Pin);
