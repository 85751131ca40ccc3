using Kiln.TestKit;
using Kiln.Tui.Models;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;

namespace Kiln.Tui.Tests.Views;

public sealed class ThemeViewTests : IDisposable
{
    readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    static List<Terminal.Gui.Drawing.Attribute> Attributes(Headless h)
    {
        h.Screen();
        var cells = h.App.Driver!.Contents!;
        var all = new List<Terminal.Gui.Drawing.Attribute>();
        for (var row = 0; row < cells.GetLength(0); row++)
        {
            for (var col = 0; col < cells.GetLength(1); col++)
            {
                all.Add(cells[row, col].Attribute ?? default);
            }
        }

        return all;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(6)]
    public void Mono_EveryCellUsesTheTerminalsOwnColours(int enters)
    {
        using var h = new Headless(TuiTestOptions.Create(ScriptedRunner.Success(), _dir["log"], TuiTestOptions.Load(TuiTestOptions.Complete)) with
        {
            Theme = TuiTheme.Mono,
        });
        for (var i = 0; i < enters; i++)
        {
            h.Press(Key.Enter);
        }

        if (h.Window.Screen is Kiln.Tui.Views.RunScreen run)
        {
            h.Pump(() => run.Model.Finished);
        }

        var attributes = Attributes(h);

        Assert.All(attributes, a => Assert.True(a.Foreground == Color.None && a.Background == Color.None, a.ToString()));
        Assert.Contains(attributes, a => a.Style.HasFlag(TextStyle.Reverse));
    }

    [Fact]
    public void Default_UsesColours()
    {
        using var h = new Headless(TuiTestOptions.Create(ScriptedRunner.Success(), _dir["log"]));

        Assert.Contains(Attributes(h), a => a.Foreground != Color.None || a.Background != Color.None);
    }
}
