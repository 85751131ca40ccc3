using Kiln.TestKit;
using Kiln.Tui.Models;
using Kiln.Tui.Views;
using Terminal.Gui.Input;

namespace Kiln.Tui.Tests.Views;

public sealed class JoinViewTests : IDisposable
{
    const string Pin = "sha256:6a1f0c1d31e7d7f5b1a4b9f3b2b1d6c4e3f9a8d7c6b5a4f3e2d1c0b9a8f7e6d5";
    const string Token = "abcdef.0123456789abcdef";
    readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    Headless Open(ScriptedJoinRunner? runner = null, int width = 80, int height = 24) =>
        new(TuiTestOptions.Create(ScriptedRunner.Success(), _dir["kiln-tui.log"], workingDirectory: _dir.Path) with
        {
            Clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestContexts.Epoch),
            Join = runner ?? ScriptedJoinRunner.Success(),
            FilesOnly = true,
        }, width, height);

    static JoinModel Join(Headless h) => Assert.IsType<JoinScreen>(h.Window.Screen).Model;

    /// <summary>Start → join discovery, with the focus on the first field (the discovery method).</summary>
    static Headless ToDiscovery(Headless h) => h.Press(Key.CursorDown, Key.Enter);

    /// <summary>Endpoint, token and pin typed on the discovery step (Tab from the method to each field).</summary>
    static Headless TypeDiscovery(Headless h, string pin = Pin) =>
        h.Press(Key.Tab).Type("10.0.0.10:6443").Press(Key.Tab).Type(Token).Press(Key.Tab).Type(pin);

    public static TheoryData<string, int, int> Screens()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var (w, h) in new[] { (80, 24), (120, 40) })
        {
            foreach (var name in new[] { "discovery", "discovery-typed", "discovery-errors", "node", "review", "run-success", "run-failure" })
            {
                data.Add(name, w, h);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public void Screen_EachJoinScreen_MatchesSnapshot(string name, int width, int height)
    {
        using var h = Open(string.Equals(name, "run-failure", StringComparison.Ordinal) ? ScriptedJoinRunner.Failure() : null, width, height);
        ToDiscovery(h);

        switch (name)
        {
            case "discovery-typed":
                TypeDiscovery(h, Pin[..40]);
                break;
            case "discovery-errors":
                h.Press(Key.Tab).Type("10.0.0.10").Press(Key.Tab).Type("abcdef.0123").Press(Key.Enter);
                break;
            case "discovery":
                break;
            default:
                TypeDiscovery(h).Press(Key.Enter);
                if (!string.Equals(name, "node", StringComparison.Ordinal))
                {
                    h.Press(Key.Tab).Type("10.0.0.21").Press(Key.Enter);
                }

                if (name.StartsWith("run", StringComparison.Ordinal))
                {
                    h.Press(Key.Enter);
                    var run = Assert.IsType<RunScreen>(h.Window.Screen);
                    h.Pump(() => run.Model.Finished);
                }

                break;
        }

        var screen = h.Screen();
        Assert.DoesNotContain("0123456789abcdef", screen, StringComparison.Ordinal);
        Snapshot.Match(RunViewTests.Masked(screen), $"tui/join-{name}-{width}x{height}");
    }

    [Theory]
    [InlineData("sha256:0a1b", "4 of 64 hex digits")]
    [InlineData("sha25", "sha256: then 64 hex digits")]
    [InlineData("md5:0a", "! must start with 'sha256:' (column 1)")]
    [InlineData("sha256:0a1g", "! 'g' at column 11 is not a hex digit (0-9, a-f)")]
    public void CaHash_IsCheckedAsItIsTyped(string typed, string note)
    {
        using var h = Open();
        ToDiscovery(h).Press(Key.Tab, Key.Tab, Key.Tab);

        h.Type(typed);

        Assert.Contains(note, h.Screen(), StringComparison.Ordinal);
        Assert.Equal(JoinStep.Discovery, Join(h).Step);
    }

    [Fact]
    public void Esc_GoesBackToTheStart_AndEnterComesBackWithEverythingTyped()
    {
        using var h = Open();
        TypeDiscovery(ToDiscovery(h)).Press(Key.Enter);
        h.Press(Key.Tab).Type("10.0.0.21");

        h.Press(Key.Esc);
        Assert.Equal(JoinStep.Discovery, Join(h).Step);
        h.Press(Key.Esc);
        Assert.IsType<StartScreen>(h.Window.Screen);
        h.Press(Key.Enter, Key.Enter);

        var model = Join(h);
        Assert.Equal(JoinStep.Node, model.Step);
        Assert.Equal("10.0.0.10:6443", model.Draft.Endpoint);
        Assert.Equal(Pin, model.Draft.CaCertHashes);
        Assert.Equal("10.0.0.21", model.Draft.NodeAddress);
        Assert.Contains("10.0.0.21", h.Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void CtrlQ_AsksBeforeQuitting()
    {
        using var h = Open();
        ToDiscovery(h);

        h.Press(Key.Q.WithCtrl);

        Assert.Contains("Quit Kiln? Y quits; N or Esc stays.", h.Screen(), StringComparison.Ordinal);
        h.Press(Key.Y);
        Assert.True(h.Window.QuitRequested, h.Screen());
    }

    [Fact]
    public void Review_SaveAs_WritesTheRealTokenOwnerOnly_AndRunUsesTheAddressAsNodeIp()
    {
        var runner = ScriptedJoinRunner.Success();
        using var h = Open(runner);
        TypeDiscovery(ToDiscovery(h)).Press(Key.Enter);
        h.Press(Key.Tab).Type("10.0.0.21").Press(Key.Enter);
        Assert.Contains("token: <redacted>", h.Screen(), StringComparison.Ordinal);

        h.Press(Key.A.WithAlt).Type("join.yaml").Press(Key.Enter);

        var saved = File.ReadAllText(_dir["join.yaml"]);
        Assert.Contains("token: " + Token, saved, StringComparison.Ordinal);
        Assert.Contains("kind: JoinConfiguration", saved, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir["join.yaml"]));
        Assert.Contains("saved to ", h.Screen(), StringComparison.Ordinal);
        var loaded = Kiln.Phases.Config.ConfigLoader.Load("join.yaml", saved, TestHost.Facts);
        Assert.DoesNotContain(loaded.Findings, f => f.Severity == Kiln.Phases.Config.Severity.Error);

        Assert.Equal(JoinStep.Review, Join(h).Step);
        h.Window.Forward();
        var run = Assert.IsType<RunScreen>(h.Window.Screen);
        h.Pump(() => run.Model.Finished);

        var arg = Assert.Single(runner.RanWith!.NodeRegistration.KubeletExtraArgs!);
        Assert.Equal(("node-ip", "10.0.0.21"), (arg.Name, arg.Value));
        Assert.Equal([Pin], runner.RanWith.Discovery.BootstrapToken!.CaCertHashes);
        Assert.Contains("[discovery] cluster-info from 10.0.0.10:6443", string.Join('\n', run.Model.Log), StringComparison.Ordinal);
    }

    [Fact]
    public void Review_SessionProblems_KeepRunFromStarting()
    {
        using var h = Open(new ScriptedJoinRunner([], [], new(null)) { ProblemsToReport = ["join needs a token ([a-z0-9]{6}.[a-z0-9]{16})"] });
        TypeDiscovery(ToDiscovery(h)).Press(Key.Enter, Key.Enter);

        h.Press(Key.Enter);

        Assert.Equal(JoinStep.Review, Join(h).Step);
        Assert.Contains("! join needs a token", h.Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void Discovery_F2ToFile_ShowsTheFileFieldAndKeepsTheToken()
    {
        using var h = Open();
        ToDiscovery(h);
        TypeDiscovery(h);
        h.Press(Key.Tab.WithShift, Key.Tab.WithShift, Key.Tab.WithShift);

        h.Press(Key.F2);

        var screen = h.Screen();
        Assert.Contains("Discovery file:", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("API server endpoint:", screen, StringComparison.Ordinal);
        Assert.Equal(Token, Join(h).Draft.Token);
        h.Press(Key.Tab).Type("discovery.conf").Press(Key.Tab).Press(Key.Enter);
        var join = Join(h).Join;
        Assert.Equal(_dir["discovery.conf"], join.Discovery.File!.KubeConfigPath);
        Assert.Equal(Token, join.Discovery.TlsBootstrapToken);
        Assert.Null(join.Discovery.BootstrapToken);
    }
}
