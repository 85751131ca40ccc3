namespace Kiln.Phases.Live;

/// <summary>What the container runtime said to the CRI <c>RuntimeConfig</c> call.</summary>
/// <param name="CgroupDriver">The cgroup driver it reported (<c>systemd</c> or <c>cgroupfs</c>), or null when the call failed.</param>
/// <param name="Unimplemented">The runtime does not know the call (gRPC status UNIMPLEMENTED).</param>
/// <param name="Error">Why the call failed, or null.</param>
/// <param name="Unreachable">Nothing answered on the socket (connection refused, or no HTTP/2 gRPC server behind it).</param>
public sealed record CriRuntimeAnswer(string? CgroupDriver, bool Unimplemented, string? Error, bool Unreachable = false);
