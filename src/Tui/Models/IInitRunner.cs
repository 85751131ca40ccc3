using Kiln.Phases.Config;
using Kiln.Phases.Workflow;

namespace Kiln.Tui.Models;

/// <summary>How the run screen plans and runs a config: the real init workflow, or a replay in tests.</summary>
public interface IInitRunner
{
    /// <summary>Where the run writes, for the run screen's heading: "this node", or the --rootfs directory.</summary>
    string Target { get; }

    WorkflowPlan Plan(KubeadmConfig config);

    Task<WorkflowResult> RunAsync(WorkflowPlan plan, KubeadmConfig config, IProgress<PhaseEvent> events, CancellationToken cancellationToken);
}
