using Kiln.Phases.Config;
using Kiln.Phases.Live;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.Phases.Sessions;

/// <summary>How a session runs, in front-end-neutral terms; the same for init and join.</summary>
public sealed record RunOptions
{
    /// <summary>The workflow, or null for the session's own (<see cref="Workflows.Init"/>, <see cref="Workflows.Join"/>); an image build passes its own (the same phases plus image-only ones).</summary>
    public Workflow.Workflow? Workflow { get; init; }

    /// <summary>Which phases (<c>phase X</c>, and the skips); the config's own skip list when Skip is empty.</summary>
    public PhaseSelection Selection { get; init; } = PhaseSelection.All;

    /// <summary>Where the files go.</summary>
    public required ITargetRoot Target { get; init; }

    /// <summary>The kind of target.</summary>
    public TargetKinds Kind { get; init; } = TargetKinds.LiveNode;

    /// <summary>This host's facts, when the files are for this host; null for another machine.</summary>
    public HostFacts? Host { get; init; }

    /// <summary>The live node (service manager, probes, the cluster connection); null when this run only writes files.</summary>
    public LiveNode? Live { get; init; }

    /// <summary>Diagnostics.</summary>
    public ILogger Log { get; init; } = NullLogger.Instance;

    /// <summary>Time.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The selection on <paramref name="workflow"/>, with the config's skip list when none was given.</summary>
    internal SelectionResult Select(Workflow.Workflow workflow, IReadOnlyList<string>? configSkip) =>
        workflow.Select(Selection.Skip.Count > 0 ? Selection : Selection with { Skip = configSkip ?? [] });

    /// <summary>The context the phases run with.</summary>
    internal PhaseContext Context(KubeadmConfig config, IProgress<PhaseEvent> events, LiveNode? live) =>
        new(config, Target, Log, events, Clock, Kind) { Host = Host, Live = live };
}
