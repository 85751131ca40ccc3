namespace Kiln.Tui;

/// <summary>Marks the TUI assembly; the terminal UI arrives with its issue.</summary>
public static class TuiAssembly;
