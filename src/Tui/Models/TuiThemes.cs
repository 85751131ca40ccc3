namespace Kiln.Tui.Models;

/// <summary>Picks the theme from the flag, then NO_COLOR, then TERM.</summary>
public static class TuiThemes
{
    public static IReadOnlyList<string> Names { get; } = ["default", "serial", "mono"];

    /// <summary>The theme for a <c>--theme</c> value (null when not given) and the environment; null for an unknown name.</summary>
    public static TuiTheme? Resolve(string? flag, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (flag is not null)
        {
            return flag switch
            {
                "default" => TuiTheme.Default,
                "serial" => TuiTheme.Serial,
                "mono" => TuiTheme.Mono,
                _ => null,
            };
        }

        // https://no-color.org: any non-empty value
        if (environment("NO_COLOR") is { Length: > 0 })
        {
            return TuiTheme.Mono;
        }

        var term = environment("TERM") ?? "";
        return string.Equals(term, "linux", StringComparison.Ordinal) || term.StartsWith("vt", StringComparison.Ordinal) ? TuiTheme.Serial : TuiTheme.Default;
    }
}
