using Kiln.Phases.Config;
using Kiln.Phases.Workflow;

namespace Kiln.Tui.Models;

/// <summary>How the run screen plans and runs a config: the real init workflow, or a replay in tests.</summary>
public interface IInitRunner
{
    /// <summary>Where the run writes, for the run screen's heading: "this node", or the --rootfs directory.</summary>
    string Target { get; }

    /// <summary>What a run of <paramref name="config"/> will do; no side effect.</summary>
    WorkflowPlan Plan(KubeadmConfig config);

    /// <summary>Runs <paramref name="config"/>: the same plan <see cref="Plan"/> gave for it.</summary>
    Task<WorkflowResult> RunAsync(KubeadmConfig config, IProgress<PhaseEvent> events, CancellationToken cancellationToken);
}
