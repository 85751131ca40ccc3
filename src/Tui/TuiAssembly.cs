namespace Kiln.Tui;

/// <summary>Marks the TUI assembly for architecture tests.</summary>
public static class TuiAssembly;
