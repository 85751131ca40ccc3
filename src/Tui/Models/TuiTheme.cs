namespace Kiln.Tui.Models;

/// <summary>How the TUI draws: <see cref="Default"/>; <see cref="Serial"/> (ASCII marks, single lines, 16 colours)
/// for VGA and serial consoles; <see cref="Mono"/> (no colour at all) for NO_COLOR.</summary>
public enum TuiTheme
{
    Default,
    Serial,
    Mono,
}
