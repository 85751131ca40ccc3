using Kiln.Phases.Config;
using Kiln.Phases.Targets;
using Microsoft.Extensions.Logging;

namespace Kiln.Phases.Workflow;

/// <summary>
/// What a phase may use: the validated config, the target root it writes through, a clock, a logger
/// and the event sink. Nothing else; add capabilities here, never per-phase getters.
/// </summary>
/// <param name="Config">The defaulted, validated config.</param>
/// <param name="Target">Where files go.</param>
/// <param name="Log">Diagnostics (the user-facing story is the events).</param>
/// <param name="Events">Event sink.</param>
/// <param name="Clock">Time.</param>
/// <param name="Kind">The kind of target this run is for.</param>
public sealed record PhaseContext(KubeadmConfig Config, ITargetRoot Target, ILogger Log, IProgress<PhaseEvent> Events, TimeProvider Clock, TargetKinds Kind)
{
    /// <summary>The live node's facts (hostname, proxy variables); null when the target is not this host (image builds).</summary>
    public HostFacts? Host { get; init; }

    /// <summary>The live node (service manager, cluster API); null for files-only runs, dry runs and images.</summary>
    public Live.LiveNode? Live { get; init; }

    /// <summary>What a join learns of its cluster (by discovery, or from an image's state), on first use; null for other workflows.</summary>
    public Join.JoinFacts? Joining { get; init; }

    /// <summary>Key pairs, generated ahead in parallel when a workflow will need many.</summary>
    public Certs.KeyPool Keys { get; init; } = new();

    /// <summary>What this run offers its phases: an image build its staged root; a live node everything; other runs the files only.</summary>
    public Capabilities Offers => Kind == TargetKinds.Image ? Capabilities.Files | Capabilities.ImageStaging
        : Live is null ? Capabilities.Files
        : Live.Cluster is null ? Capabilities.LiveNode & ~Capabilities.ClusterApi
        : Capabilities.LiveNode;

    /// <summary>The phase this context was handed to; the runner sets it.</summary>
    public PhaseId Phase { get; init; }

    /// <summary>Tells the user something.</summary>
    public void Note(string text) => Events.Report(new PhaseNote(Phase, Clock.GetUtcNow(), text));

    /// <summary>Reports a written file.</summary>
    public void Written(string path, string? summary = null) => Events.Report(new ArtifactWritten(Phase, Clock.GetUtcNow(), path, summary));

    /// <summary>Writes a file through the target and reports it with its mode and a secret-free summary.</summary>
    public async Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, UnixFileMode mode, string? summary, CancellationToken cancellationToken)
    {
        await Target.WriteFileAsync(path, content, mode, cancellationToken);
        Events.Report(new ArtifactWritten(Phase, Clock.GetUtcNow(), path, summary) { Mode = mode });
    }

    /// <summary>Reports a reused file.</summary>
    public void Reused(string path) => Events.Report(new ArtifactReused(Phase, Clock.GetUtcNow(), path));
}
