namespace Kiln.Phases.Workflow;

/// <summary>What a run will do, computed before anything runs; `kiln plan` and the TUI show it.</summary>
/// <param name="Workflow">The workflow.</param>
/// <param name="Phases">Every selected phase, in order.</param>
public sealed record WorkflowPlan(Workflow Workflow, IReadOnlyList<PlannedPhase> Phases)
{
    /// <summary>Plans a selection for a context: user skips, target kinds and config-based skip reasons.</summary>
    /// <param name="workflow">The workflow.</param>
    /// <param name="selection">The user's selection.</param>
    /// <param name="context">The context the phases will run with.</param>
    /// <param name="filesOnly">Skip phases that need a live node (<c>--files-only</c>) with this reason shown.</param>
    public static WorkflowPlan Create(Workflow workflow, SelectionResult selection, PhaseContext context, bool filesOnly = false)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(context);
        var rows = selection.Phases.Select(s => new PlannedPhase(s.Phase, s.Skipped
            ? "listed in --skip-phases"
            : (s.Phase.Targets & context.Kind) == TargetKinds.None
                ? context.Kind == TargetKinds.Image ? "deferred to first boot (needs a live node)" : "image builds only"
                : filesOnly && (s.Phase.Targets & TargetKinds.Image) == TargetKinds.None
                    ? "needs a live node; this run only writes files"
                    : s.Phase.SkipReason?.Invoke(context with { Phase = s.Phase.Id })))
            .ToList();
        return new WorkflowPlan(workflow, rows);
    }

    /// <summary>The phases that will run.</summary>
    public int RunCount => Phases.Count(p => p.SkipReason is null);
}
