using System.Text;

namespace Kiln.Phases.Config;

/// <summary>Renders config errors the way compilers do: the location line, the source line and a caret under the value.</summary>
public static class ConfigErrorRenderer
{
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
        sb.Append(e.At).Append(": ").Append(level).Append(": ").Append(field).Append(e.Message).Append('\n');
        var line = text is null || e.At.Line <= 0 || e.Secret ? null : LineOf(text, e.At.Line);
        if (line is not null)
        {
            var number = e.At.Line.ToString();
            var gutter = new string(' ', number.Length);
            sb.Append(' ').Append(number).Append(" | ").Append(line.TrimEnd()).Append('\n');
            var pad = new string(' ', Math.Max(0, e.At.Column - 1));
            var caret = new string('^', Math.Max(1, e.At.Length));
            sb.Append(' ').Append(gutter).Append(" | ").Append(pad).Append(caret);
            if (e.Allowed is not null)
            {
                sb.Append(' ').Append(e.Allowed);
            }

            sb.Append('\n');
        }
        else if (e.Allowed is not null)
        {
            sb.Append("  allowed: ").Append(e.Allowed).Append('\n');
        }

        if (e.Hint is not null)
        {
            sb.Append("  hint: ").Append(e.Hint).Append('\n');
        }
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
