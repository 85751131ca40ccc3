namespace Kiln.Tui.Models;

/// <summary>
/// Text cut to a width in columns, for rows that are one line whatever the screen (80x24 serial consoles too):
/// what matters stays readable and the row never grows past its width.
/// </summary>
public static class TextFit
{
    // three dots, not U+2026: the serial and mono themes draw ASCII only, and console fonts may lack it
    const string Ellipsis = "...";

    /// <summary>The text, or its start and end around an ellipsis when it is wider than <paramref name="width"/>.</summary>
    public static string Middle(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= width)
        {
            return text;
        }

        if (width <= Ellipsis.Length)
        {
            return Ellipsis[..Math.Max(0, width)];
        }

        // the end (a file name) says more than the start (a temp directory): it gets the odd column
        var head = (width - Ellipsis.Length) / 2;
        var tail = width - Ellipsis.Length - head;
        return string.Concat(text.AsSpan(0, head), Ellipsis, text.AsSpan(text.Length - tail));
    }

    /// <summary>
    /// The values F2 offers, as one line: all of them when they fit, else where the current value is among them
    /// and the ones F2 gives next, as many as fit, with how many more there are
    /// (<c>F2 (1 of 9), next: v1.34.0, v1.33.6, +6 more</c>).
    /// </summary>
    public static string Offered(IReadOnlyList<string> choices, string current, int width)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(current);
        if (choices.Count == 0 || width <= 0)
        {
            return "";
        }

        var all = "F2: " + string.Join(", ", choices);
        if (all.Length <= width)
        {
            return all;
        }

        var at = IndexOf(choices, current.Trim());
        var head = at >= 0 ? $"F2 ({at + 1} of {choices.Count}), next: " : $"F2 ({choices.Count} offered): ";
        // in the order F2 gives them, without the value already in the field
        var next = Enumerable.Range(1, choices.Count).Select(i => choices[(at + i) % choices.Count]).Where((_, i) => at < 0 || i < choices.Count - 1).ToList();
        for (var shown = next.Count; shown >= 1; shown--)
        {
            var more = next.Count - shown;
            var line = head + string.Join(", ", next.Take(shown)) + (more == 0 ? "" : $", +{more} more");
            if (line.Length <= width)
            {
                return line;
            }
        }

        return Middle(head + $"+{next.Count} more", width);
    }

    static int IndexOf(IReadOnlyList<string> choices, string value)
    {
        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
