using Kiln.TestKit;
using Kiln.Tui.Models;
using Kiln.Tui.Views;
using Terminal.Gui.Input;
using WizardStep = Kiln.Tui.Models.WizardStep;

namespace Kiln.Tui.Tests.Views;

public sealed class WizardViewTests : IDisposable
{
    readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    Headless Open(int width = 80, int height = 24, string? yaml = null, IInitRunner? runner = null) =>
        new(TuiTestOptions.Create(runner ?? ScriptedRunner.Success(), _dir["kiln-tui.log"], TuiTestOptions.Load(yaml ?? TuiTestOptions.Complete)) with
        {
            Clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestContexts.Epoch),
        }, width, height);

    static WizardModel Wizard(Headless h) => Assert.IsType<WizardScreen>(h.Window.Screen).Model;

    public static TheoryData<int, int, int> Steps()
    {
        var data = new TheoryData<int, int, int>();
        foreach (var (w, h) in new[] { (80, 24), (120, 40) })
        {
            for (var step = 0; step <= WizardModel.Steps.Count; step++)
            {
                data.Add(step, w, h);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Screen_EachStep_MatchesSnapshot(int enters, int width, int height)
    {
        using var h = Open(width, height);

        for (var i = 0; i < enters; i++)
        {
            h.Press(Key.Enter);
        }

        var name = enters == 0 ? "start" : WizardModel.TitleOf((WizardStep)(enters - 1)).ToLowerInvariant();
        Snapshot.Match(h.Screen(), $"tui/{name}-{width}x{height}");
    }

    [Fact]
    public void Screen_BadPodSubnet_ErrorShownUnderThePodSubnetField()
    {
        using var h = Open();
        h.Press(Key.Enter, Key.Enter);
        h.Press(Key.Tab, Key.Tab);

        h.Type("10.244.0.0/33").Press(Key.Enter);

        var screen = h.Screen();
        Assert.Equal(WizardStep.Cluster, Wizard(h).Step);
        var lines = screen.Split('\n');
        var field = Array.FindIndex(lines, l => l.Contains("Pod subnet:", StringComparison.Ordinal));
        Assert.Contains("10.244.0.0/33", lines[field], StringComparison.Ordinal);
        Assert.Contains("! '10.244.0.0/33' is not a valid CIDR", lines[field + 1], StringComparison.Ordinal);
        Assert.Contains("networking.podSubnet: '10.244.0.0/33' is not a valid CIDR", screen, StringComparison.Ordinal);
        Assert.Contains("hint: e.g. 10.244.0.0/16", screen, StringComparison.Ordinal);
        Snapshot.Match(screen, "tui/cluster-error-80x24");
    }

    [Fact]
    public void Screen_BackAfterTyping_KeepsTheTypedValue()
    {
        using var h = Open();
        h.Press(Key.Enter);
        h.Type("cp-seven").Press(Key.Enter);
        Assert.Equal(WizardStep.Cluster, Wizard(h).Step);

        h.Press(Key.B.WithAlt);

        Assert.Equal(WizardStep.Node, Wizard(h).Step);
        Assert.Contains("Node name:              cp-seven", h.Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_F2OnEtcd_SwitchesToExternalAndShowsItsFields()
    {
        using var h = Open();
        h.Press(Key.Enter, Key.Enter, Key.Enter, Key.Enter);
        Assert.DoesNotContain("Endpoints:", h.Screen(), StringComparison.Ordinal);

        h.Press(Key.F2);

        var screen = h.Screen();
        Assert.Contains("Etcd:                   external", screen, StringComparison.Ordinal);
        Assert.Contains("Endpoints:", screen, StringComparison.Ordinal);
        Assert.Contains("Client key:", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_EnterAlone_WalksFromTheStartToTheRun()
    {
        var runner = ScriptedRunner.Success();
        using var h = Open(runner: runner);

        for (var i = 0; i <= WizardModel.Steps.Count; i++)
        {
            h.Press(Key.Enter);
        }

        var run = Assert.IsType<RunScreen>(h.Window.Screen);
        h.Pump(() => run.Model.Finished);
        Assert.Equal("node1", runner.RanWith?.Init?.NodeRegistration.Name);
        Assert.True(run.Model.Succeeded);
    }

    [Fact]
    public void Screen_Esc_AsksBeforeQuitting()
    {
        using var h = Open();

        h.Press(Key.Esc);
        Assert.Contains("Quit Kiln? Y quits; N or Esc stays.", h.Screen(), StringComparison.Ordinal);
        h.Press(Key.N);
        Assert.False(h.Window.QuitRequested);
        Assert.DoesNotContain("Quit Kiln?", h.Screen(), StringComparison.Ordinal);
        h.Press(Key.Esc, Key.Y);

        Assert.True(h.Window.QuitRequested);
    }

    [Fact]
    public void Screen_ReviewSaveAs_WritesTheFullYaml()
    {
        using var h = Open(yaml: TuiTestOptions.Complete.Replace(
            "kind: InitConfiguration\n", "kind: InitConfiguration\nbootstrapTokens:\n- token: abcdef.0123456789abcdef\n", StringComparison.Ordinal));
        h.Press(Key.Enter, Key.Enter, Key.Enter, Key.Enter, Key.Enter);
        Assert.DoesNotContain("0123456789abcdef", h.Screen(), StringComparison.Ordinal);

        h.Press(Key.A.WithAlt).Type(_dir["saved.yaml"]).Press(Key.Enter);

        Assert.Contains("token: abcdef.0123456789abcdef", File.ReadAllText(_dir["saved.yaml"]), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir["saved.yaml"]));
        Assert.Contains("saved to ", h.Screen(), StringComparison.Ordinal);
        Assert.IsType<WizardScreen>(h.Window.Screen);
    }

    [Fact]
    public void Screen_ResizeFrom120x40To80x24_Reflows()
    {
        using var h = Open(120, 40);
        h.Press(Key.Enter, Key.Enter);
        Assert.Contains("Image repository:", h.Screen(), StringComparison.Ordinal);

        h.Resize(80, 24);

        var lines = h.Screen().TrimEnd('\n').Split('\n');
        Assert.Equal(24, lines.Length);
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        Assert.Contains(lines, l => l.Contains("Image repository:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Next", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public void Screen_Etcd_ShowsItsHelp(int width, int height)
    {
        using var h = Open(width, height);

        h.Press(Key.Enter, Key.Enter, Key.Enter, Key.Enter);

        Assert.Equal(WizardStep.Etcd, Wizard(h).Step);
        Assert.Contains("local: a stacked etcd on this node; external: an etcd cluster run elsewhere.", h.Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_ManyOffersAt80x24_TheirLineFitsAndTheHelpListsThemAll()
    {
        using var h = Open();
        h.Press(Key.Enter, Key.Enter);
        var versions = Wizard(h).Fields.Single(f => string.Equals(f.Path, "kubernetesVersion", StringComparison.Ordinal)).Choices;

        var screen = h.Screen();

        var lines = screen.Split('\n');
        var note = lines[Array.FindIndex(lines, l => l.Contains("Kubernetes version:", StringComparison.Ordinal)) + 1];
        Assert.Matches(@"^│ +F2 \(2 of \d+\), next: v1\.36\.3, .* +│$", note);
        var help = string.Join(' ', lines.SkipWhile(l => !l.Contains("A version from", StringComparison.Ordinal)));
        Assert.All(versions, v => Assert.Contains(v, help, StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_ManyOffersAt120x40_AllOnTheirLine()
    {
        using var h = Open(120, 40);
        h.Press(Key.Enter, Key.Enter);
        var versions = Wizard(h).Fields.Single(f => string.Equals(f.Path, "kubernetesVersion", StringComparison.Ordinal)).Choices;

        Assert.Contains("F2: " + string.Join(", ", versions), h.Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_F2OnTheVersion_TheOffersLineFollows()
    {
        using var h = Open();
        h.Press(Key.Enter, Key.Enter);

        h.Press(Key.F2);

        var screen = h.Screen();
        Assert.Contains("Kubernetes version:     v1.36.3", screen, StringComparison.Ordinal);
        Assert.Contains("F2 (3 of ", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_ValueWithAnUnderscore_IsShownAsTyped()
    {
        using var h = Open();
        h.Press(Key.Enter);

        h.Type("bad_name").Press(Key.Enter);

        Assert.Contains("! 'bad_name' is not a valid node name", h.Screen(), StringComparison.Ordinal);
    }
}
