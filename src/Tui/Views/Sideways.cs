using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace Kiln.Tui.Views;

/// <summary>Left and Right scroll a list sideways, so a line wider than its pane (a CA pin at 80 columns) can be read to its end.</summary>
internal static class Sideways
{
    const int Step = 8;

    public static T Scrollable<T>(T list)
        where T : ListView
    {
        list.KeyDown += (_, key) =>
        {
            if (key == Key.CursorRight || key == Key.CursorLeft)
            {
                list.ScrollHorizontal(key == Key.CursorRight ? Step : -Step);
                key.Handled = true;
            }
        };
        return list;
    }
}
