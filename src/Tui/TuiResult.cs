namespace Kiln.Tui;

/// <summary>How a TUI session ended.</summary>
/// <param name="Succeeded">True when a run succeeded, false when it failed, null when none finished.</param>
/// <param name="Verb">What ran ("init", "join"), or null when nothing did.</param>
public sealed record TuiResult(bool? Succeeded, string? Verb);
