namespace Kiln.Tui.Models;

/// <summary>Picks the theme from the flag, then NO_COLOR, then TERM.</summary>
public static class TuiThemes
{
    static readonly string[] s_localeVariables = ["LC_ALL", "LC_CTYPE", "LANG"];

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

    /// <summary>
    /// Whether the terminal can draw UTF-8: the locale's character set, as the C library picks it (the first of
    /// LC_ALL, LC_CTYPE and LANG that is set; none set is the C locale, which is ASCII).
    /// </summary>
    public static bool Utf8(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var locale = s_localeVariables.Select(environment).FirstOrDefault(v => v is { Length: > 0 }) ?? "C";
        return locale.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || locale.Contains("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
