namespace Kiln.Phases.Workflow;

/// <summary>What a run will do, computed before anything runs; `kiln plan` and the TUI show it.</summary>
/// <param name="Workflow">The workflow.</param>
/// <param name="Phases">Every selected phase, in order.</param>
public sealed record WorkflowPlan(Workflow Workflow, IReadOnlyList<PlannedPhase> Phases)
{
    /// <summary>Plans a selection for a context: the user's selection, what the run offers, then the phases' own skip rules.</summary>
    /// <param name="workflow">The workflow.</param>
    /// <param name="selection">The user's selection.</param>
    /// <param name="context">The context the phases will run with (its <see cref="PhaseContext.Offers"/> decide what can run).</param>
    public static WorkflowPlan Create(Workflow workflow, SelectionResult selection, PhaseContext context)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(context);
        var offers = context.Offers;
        var rows = selection.Phases.Select(s => new PlannedPhase(s.Phase, s.Skipped
            ? SkipReason.Selection
            : (s.Phase.Needs & ~offers) != Capabilities.None
                ? SkipReason.MissingCapability(s.Phase.Needs, offers)
                : s.Phase.SkipReason?.Invoke(context with { Phase = s.Phase.Id })))
            .ToList();
        return new WorkflowPlan(workflow, rows);
    }

    /// <summary>The phases that will run.</summary>
    public int RunCount => Phases.Count(p => p.SkipReason is null);
}
