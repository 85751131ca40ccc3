using Kiln.Phases.Config;
using Kiln.Phases.Live;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.Phases.Sessions;

/// <summary>How a join runs, in front-end-neutral terms.</summary>
public sealed record JoinRunOptions
{
    /// <summary>The workflow: <see cref="Workflows.Join"/>, or an image build's (the same phases plus image-only ones).</summary>
    public Workflow.Workflow Workflow { get; init; } = Workflows.Join;

    /// <summary>Which phases (<c>join phase X</c>, and the skips); the config's own skip list when Skip is empty.</summary>
    public PhaseSelection Selection { get; init; } = PhaseSelection.All;

    /// <summary>Where the files go.</summary>
    public required ITargetRoot Target { get; init; }

    /// <summary>The kind of target.</summary>
    public TargetKinds Kind { get; init; } = TargetKinds.LiveNode;

    /// <summary>This host's facts, when the files are for this host; null for another machine.</summary>
    public HostFacts? Host { get; init; }

    /// <summary>The live node (service manager, probes); null when this run only writes files. Its cluster connection is the session's.</summary>
    public LiveNode? Live { get; init; }

    /// <summary>Diagnostics.</summary>
    public ILogger Log { get; init; } = NullLogger.Instance;

    /// <summary>Time.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long and how often discovery waits (<c>timeouts.discovery</c> overrides the timeout).</summary>
    public DiscoveryWait Wait { get; init; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(500), TimeProvider.System);
}
