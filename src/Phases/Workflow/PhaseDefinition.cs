namespace Kiln.Phases.Workflow;

/// <summary>A phase, as a value: what it is called, what it does, when it is skipped, where it applies.</summary>
/// <param name="Id">Public id, used by --skip-phases, `phase` subcommands, events and snapshots.</param>
/// <param name="Summary">One line, shown in plans and help.</param>
/// <param name="RunAsync">The work; throws <see cref="PhaseException"/> for expected failures.</param>
public sealed record PhaseDefinition(PhaseId Id, string Summary, Func<PhaseContext, CancellationToken, Task> RunAsync)
{
    /// <summary>Phases that must come earlier in a workflow; ordering only, not a precondition.</summary>
    public IReadOnlyList<PhaseId> After { get; init; } = [];

    /// <summary>Why the phase will not run for this config or run (shown before anything runs), or null to run it.</summary>
    public Func<PhaseContext, SkipReason?>? SkipReason { get; init; }

    /// <summary>What the phase needs from its run; a run that does not offer it all skips the phase and says what is missing.</summary>
    /// <value>The node's files only: it runs everywhere, images included.</value>
    public Capabilities Needs { get; init; } = Capabilities.Files;
}
