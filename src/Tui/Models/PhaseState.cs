namespace Kiln.Tui.Models;

/// <summary>Where one phase of a run stands.</summary>
public enum PhaseState
{
    Pending,
    Running,
    Done,
    Skipped,
    Failed,
}
