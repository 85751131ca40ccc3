using Kiln.Phases.Config;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;

using Xunit;

namespace Kiln.TestKit;

/// <summary>Runs phases of a workflow against a root with a fake clock and records the events.</summary>
public static class PhaseRuns
{
    public static async Task<(WorkflowResult Result, IReadOnlyList<PhaseEvent> Events)> RunAsync(
        Workflow workflow, KubeadmConfig config, ITargetRoot root, params string[] only)
    {
        var (context, events, _) = TestContexts.Create(config, root);
        var selection = workflow.Select(new PhaseSelection(only, []));
        Assert.Empty(selection.Errors);
        var result = await WorkflowRunner.RunAsync(WorkflowPlan.Create(workflow, selection, context), context, CancellationToken.None);
        return (result, events.Events);
    }
}
