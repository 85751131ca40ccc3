namespace Kiln.Phases.Workflow;

/// <summary>The phases a selection picked, each with whether the user skipped it; or the usage errors.</summary>
/// <param name="Phases">Selected phases in order, each with its user-skip flag.</param>
/// <param name="Errors">Unknown ids, each with the valid ids and the closest one.</param>
public sealed record SelectionResult(IReadOnlyList<(PhaseDefinition Phase, bool Skipped)> Phases, IReadOnlyList<string> Errors);
