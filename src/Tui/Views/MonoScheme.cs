using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Kiln.Tui.Views;

/// <summary>
/// The mono theme's one scheme: the terminal's own colours everywhere, focus and hot keys by reverse video and
/// underline, so NO_COLOR output carries no colour codes at all (Terminal.Gui alone still emits 16 colours).
/// </summary>
internal static class MonoScheme
{
    public static Scheme Create()
    {
        var plain = new Attribute(Color.None, Color.None, TextStyle.None);
        var reverse = new Attribute(Color.None, Color.None, TextStyle.Reverse);
        var hot = new Attribute(Color.None, Color.None, TextStyle.Underline);
        var hotReverse = new Attribute(Color.None, Color.None, TextStyle.Reverse | TextStyle.Underline);
        return new Scheme(plain)
        {
            Normal = plain,
            HotNormal = hot,
            Focus = reverse,
            HotFocus = hotReverse,
            Active = reverse,
            HotActive = hotReverse,
            Highlight = reverse,
            Editable = plain,
            ReadOnly = plain,
            Disabled = plain,
        };
    }
}
