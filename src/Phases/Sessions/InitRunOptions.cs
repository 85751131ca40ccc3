using Kiln.Phases.Config;
using Kiln.Phases.Live;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.Phases.Sessions;

/// <summary>How an init runs, in front-end-neutral terms.</summary>
public sealed record InitRunOptions
{
    /// <summary>The workflow: <see cref="Workflows.Init"/>, or an image build's (the same phases plus image-only ones).</summary>
    public Workflow.Workflow Workflow { get; init; } = Workflows.Init;

    /// <summary>Which phases (<c>init phase X</c>, and the skips); the config's own skip list when Skip is empty.</summary>
    public PhaseSelection Selection { get; init; } = PhaseSelection.All;

    /// <summary>Where the files go.</summary>
    public required ITargetRoot Target { get; init; }

    /// <summary>The kind of target.</summary>
    public TargetKinds Kind { get; init; } = TargetKinds.LiveNode;

    /// <summary>This host's facts, when the files are for this host; null for another machine.</summary>
    public HostFacts? Host { get; init; }

    /// <summary>The live node (service manager, probes, the cluster connection); null when this run only writes files.</summary>
    public LiveNode? Live { get; init; }

    /// <summary>Upload the control-plane certificates (kubeadm's <c>--upload-certs</c>); a key is made at run time when the config has none.</summary>
    public bool UploadCerts { get; init; }

    /// <summary>Diagnostics.</summary>
    public ILogger Log { get; init; } = NullLogger.Instance;

    /// <summary>Time.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
