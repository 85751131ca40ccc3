using Kiln.Phases.Workflow;

namespace Kiln.Tui.Models;

/// <summary>One phase on the run screen.</summary>
public sealed class PhaseRow(PhaseId id, string summary, string? skipReason)
{
    public PhaseId Id { get; } = id;

    public string Summary { get; } = summary;

    public PhaseState State { get; internal set; } = PhaseState.Pending;

    /// <summary>Why it is skipped (known from the plan), how long it took, or why it failed.</summary>
    public string? Detail { get; internal set; } = skipReason is null ? null : "skipped: " + skipReason;

    /// <summary>The row as text, with ASCII state marks that every console font has.</summary>
    public override string ToString()
    {
        var mark = State switch
        {
            PhaseState.Running => "[>]",
            PhaseState.Done => "[x]",
            PhaseState.Skipped => "[-]",
            PhaseState.Failed => "[!]",
            _ => "[ ]",
        };
        return Detail is null ? $"{mark} {Id}" : $"{mark} {Id}  {Detail}";
    }
}
