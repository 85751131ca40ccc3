using Kiln.Phases.Config;
using Kiln.Phases.Workflow;

namespace Kiln.Tui.Models;

/// <summary>How the run screen plans and runs a config: the real init workflow, or a replay in tests.</summary>
public interface IInitRunner
{
    WorkflowPlan Plan(KubeadmConfig config);

    Task<WorkflowResult> RunAsync(WorkflowPlan plan, KubeadmConfig config, IProgress<PhaseEvent> events, CancellationToken cancellationToken);
}
