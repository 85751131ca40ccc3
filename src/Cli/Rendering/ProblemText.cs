namespace Kiln.Cli.Rendering;

/// <summary>How every command prints a problem: one <c>kiln:</c> line, then the hint on its own line when there is one.</summary>
public static class ProblemText
{
    /// <summary>The lines, without a trailing newline.</summary>
    public static string Render(string message, string? hint) => $"kiln: {message}" + (hint is null ? "" : $"\n  hint: {hint}");
}
