using Kiln.Phases.Workflow;

namespace Kiln.Cli.Rendering;

/// <summary>How every command prints a failed phase: kubeadm's "error execution phase" line, then the hint when there is one.</summary>
public static class PhaseErrorText
{
    /// <summary>The error's lines, without a trailing newline.</summary>
    public static string Render(PhaseError e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return ProblemText.Render($"error execution phase {e.Phase}: {e.Message}", e.Hint);
    }
}
