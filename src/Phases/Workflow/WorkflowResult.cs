namespace Kiln.Phases.Workflow;

/// <summary>The outcome of a run: null error when every planned phase succeeded or was skipped.</summary>
/// <param name="Error">The failure that stopped the run.</param>
public sealed record WorkflowResult(PhaseError? Error)
{
    /// <summary>Whether the run succeeded.</summary>
    public bool Succeeded => Error is null;
}
