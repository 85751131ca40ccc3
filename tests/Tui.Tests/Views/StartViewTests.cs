using Kiln.TestKit;
using Kiln.Tui.Views;
using Terminal.Gui.Input;

namespace Kiln.Tui.Tests.Views;

public sealed class StartViewTests : IDisposable
{
    readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1, "Joining is not in the TUI yet: on the new node run 'kiln join HOST:PORT --token T --discovery-token-ca-cert-hash sha256:H'")]
    [InlineData(2, "Image builds are not in the TUI yet: run 'kiln image build")]
    public void Start_DownThenEnter_ChoosesThatOption(int downs, string message)
    {
        using var h = new Headless(TuiTestOptions.Create(ScriptedRunner.Success(), _dir["log"]));

        for (var i = 0; i < downs; i++)
        {
            h.Press(Key.CursorDown);
        }

        h.Press(Key.Enter);

        Assert.IsType<StartScreen>(h.Window.Screen);
        // the message wraps at 80 columns: read the screen as one line of words
        var words = System.Text.RegularExpressions.Regex.Replace(h.Screen().Replace('│', ' '), @"\s+", " ", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.Contains(message, words, StringComparison.Ordinal);
    }
}
