namespace Kiln.Phases.Workflow;

/// <summary>Which phases the user asked for: <c>phase X</c> (Only) and <c>--skip-phases</c> (Skip, which wins).</summary>
/// <param name="Only">Ids to run with their children; empty means all.</param>
/// <param name="Skip">Ids to skip with their children.</param>
public sealed record PhaseSelection(IReadOnlyList<string> Only, IReadOnlyList<string> Skip)
{
    /// <summary>Every phase.</summary>
    public static PhaseSelection All { get; } = new([], []);
}
