using System.Text;

namespace Kiln.Phases.Config;

/// <summary>Renders config errors the way compilers do: the location line, the source line and a caret under the value.</summary>
public static class ConfigErrorRenderer
{
    // how much of a source line or a quoted value an error shows
    const int MaxShown = 120;

    /// <summary>Renders all findings, errors first, each in location order.</summary>
    /// <param name="findings">The findings to render.</param>
    /// <param name="sources">The text of each file named by a finding, to quote the offending line.</param>
    public static string Render(IEnumerable<ConfigError> findings, IReadOnlyDictionary<string, string> sources)
    {
        var sb = new StringBuilder();
        foreach (var e in Sort(findings))
        {
            RenderOne(sb, e, sources.TryGetValue(e.At.File, out var text) ? text : null);
        }

        return sb.ToString();
    }

    /// <summary>Orders findings: errors before warnings, then by file, line and column.</summary>
    public static IEnumerable<ConfigError> Sort(IEnumerable<ConfigError> findings) =>
        findings.OrderBy(e => e.Severity)
            .ThenBy(e => e.At.File, StringComparer.Ordinal)
            .ThenBy(e => e.At.Line)
            .ThenBy(e => e.At.Column)
            .ThenBy(e => e.Field, StringComparer.Ordinal);

    static void RenderOne(StringBuilder sb, ConfigError e, string? text)
    {
        var level = e.Severity == Severity.Error ? "error" : "warning";
        var field = e.Field.Length > 0 ? $"{e.Field}: " : "";
        sb.Append(e.At).Append(": ").Append(level).Append(": ").Append(field).Append(ClipQuoted(e.Message)).Append('\n');
        var line = text is null || e.At.Line <= 0 || e.Secret ? null : LineOf(text, e.At.Line);
        if (line is not null)
        {
            var number = e.At.Line.ToString();
            var gutter = new string(' ', number.Length);
            var (shown, offset) = Window(line.TrimEnd(), e.At.Column - 1);
            sb.Append(' ').Append(number).Append(" | ").Append(shown).Append('\n');
            var column = Math.Clamp(e.At.Column - 1 - offset, 0, shown.Length);
            var pad = new string(' ', column);
            var caret = new string('^', Math.Clamp(e.At.Length, 1, Math.Max(1, shown.Length - column)));
            sb.Append(' ').Append(gutter).Append(" | ").Append(pad).Append(caret);
            if (e.Allowed is not null)
            {
                sb.Append(' ').Append(ClipQuoted(e.Allowed));
            }

            sb.Append('\n');
        }
        else if (e.Allowed is not null)
        {
            sb.Append("  allowed: ").Append(ClipQuoted(e.Allowed)).Append('\n');
        }

        if (e.Hint is not null)
        {
            sb.Append("  hint: ").Append(ClipQuoted(e.Hint)).Append('\n');
        }
    }

    /// <summary>
    /// At most <see cref="MaxShown"/> characters of a long source line, around <paramref name="column"/> (0-based),
    /// marked with an ellipsis and the line's length; the offset is where the caret's columns now start.
    /// </summary>
    static (string Shown, int Offset) Window(string line, int column)
    {
        if (line.Length <= MaxShown)
        {
            return (line, 0);
        }

        var start = Math.Clamp(column - (MaxShown / 3), 0, line.Length - MaxShown);
        var head = start > 0 ? "…" : "";
        var tail = start + MaxShown < line.Length ? $"… ({line.Length} characters)" : "";
        return (string.Concat(head, line.AsSpan(start, MaxShown), tail), start - head.Length);
    }

    /// <summary>A message with every quoted value longer than <see cref="MaxShown"/> cut short, saying how long it was; the whole kept under a few lines.</summary>
    internal static string ClipQuoted(string message)
    {
        if (message.Length <= MaxShown)
        {
            return message;
        }

        var parts = message.Split('\'');
        for (var i = 1; i < parts.Length; i += 2)
        {
            if (parts[i].Length > MaxShown)
            {
                parts[i] = $"{parts[i][..MaxShown]}… ({parts[i].Length} characters)";
            }
        }

        var clipped = string.Join('\'', parts);
        return clipped.Length <= 8 * MaxShown ? clipped : $"{clipped[..(8 * MaxShown)]}… ({message.Length} characters)";
    }

    static string? LineOf(string text, int line)
    {
        var current = 1;
        var start = 0;
        while (current < line)
        {
            var next = text.IndexOf('\n', start);
            if (next < 0)
            {
                return null;
            }

            start = next + 1;
            current++;
        }

        var end = text.IndexOf('\n', start);
        return (end < 0 ? text[start..] : text[start..end]).TrimEnd('\r');
    }
}
