using Kiln.Phases.Cluster;

namespace Kiln.Phases.Live;

/// <summary>
/// What only a run on a live node has: its service manager, the cluster API, host probes for preflight, and the
/// run's live options. Phases that need it fail with a clear message when it is absent (files-only runs, images).
/// </summary>
/// <param name="Services">The service manager (systemctl on a real node).</param>
/// <param name="Cluster">The cluster API, connected on first use; null for runs that need none (reset).</param>
public sealed record LiveNode(IServiceManager Services, ClusterConnection? Cluster)
{
    /// <summary>Host facts preflight checks read (the real /proc, PATH and ports unless a test says otherwise).</summary>
    public HostProbe Probe { get; init; } = HostProbe.System;

    /// <summary>Preflight check names whose errors become warnings (<c>all</c> for every check), lowercased.</summary>
    public IReadOnlySet<string> IgnorePreflightErrors { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary><c>--upload-certs</c>: upload the control-plane certificates for other control-plane nodes.</summary>
    public bool UploadCerts { get; init; }

    /// <summary>How often wait loops poll.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Where the secrets the user must see go (the join command, a generated certificate key); null to show none.</summary>
    public ISecretSink? Secrets { get; init; }
}
