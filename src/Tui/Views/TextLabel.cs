using System.Text;
using Terminal.Gui.Views;

namespace Kiln.Tui.Views;

/// <summary>A label that shows its text as it is: '_' in a value or a message is not a hotkey marker.</summary>
internal class TextLabel : Label
{
    // U+FFFF never occurs in Kiln's messages, so no character is taken as a hotkey marker
#pragma warning disable MA0056 // Terminal.Gui views are set up through their virtual properties; FittedLabel does not override this one
    public TextLabel() => HotKeySpecifier = new Rune(0xFFFF);
#pragma warning restore MA0056
}
