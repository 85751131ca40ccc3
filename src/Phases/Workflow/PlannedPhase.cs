namespace Kiln.Phases.Workflow;

/// <summary>One row of a plan: a phase and, when it will not run, why.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="SkipReason">Null when it runs.</param>
public sealed record PlannedPhase(PhaseDefinition Phase, SkipReason? SkipReason);
