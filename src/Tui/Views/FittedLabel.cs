namespace Kiln.Tui.Views;

/// <summary>
/// A label whose text is made for its width: it is made again whenever its frame changes (a resize, a layout) or
/// <see cref="Refit"/> is called, so a long value never pushes past its row. One line high unless the caller says.
/// </summary>
internal sealed class FittedLabel : TextLabel
{
    readonly Func<int, string> _fit;

    public FittedLabel(Func<int, string> fit)
    {
        _fit = fit;
        Height = 1;
        FrameChanged += (_, _) => Refit();
    }

    /// <summary>Makes the text again for the current width (after the value it shows changed).</summary>
    public void Refit()
    {
        var text = _fit(Math.Max(0, Frame.Width));
        if (!string.Equals(text, Text, StringComparison.Ordinal))
        {
            Text = text;
        }
    }
}
