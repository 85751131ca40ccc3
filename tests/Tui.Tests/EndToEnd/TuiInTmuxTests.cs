using System.Text.RegularExpressions;
using Kiln.TestKit;

namespace Kiln.Tui.Tests.EndToEnd;

/// <summary>The built `kiln tui` in a real terminal (tmux): Enter alone takes a complete config to written files.</summary>
public sealed partial class TuiInTmuxTests : IDisposable
{
    readonly TempDir _dir = new();

    public TuiInTmuxTests() => File.WriteAllText(_dir["cluster.yaml"], TuiTestOptions.Complete);

    public void Dispose() => _dir.Dispose();

    internal static string Kiln()
    {
        // the kiln built in the same configuration as these tests (artifacts/bin/Kiln.Tui.Tests/<configuration>/)
        var configuration = Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Repo.File("artifacts", "bin", "Kiln.Cli", configuration, "kiln.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build Installer.sln first (eng/test.sh does)");
        return dll;
    }

    // TMPDIR puts the run's log in this test's directory, which is removed afterwards
    // published: the Native AOT kiln users install (eng/publish.sh), which is trimmed, instead of `dotnet kiln.dll`
    Tmux Start(Dictionary<string, string> environment, bool published = false)
    {
        var environmentAndTemp = new Dictionary<string, string>(environment, StringComparer.Ordinal) { ["TMPDIR"] = _dir.Path };
        string[] args = ["tui", "--config", _dir["cluster.yaml"], "--files-only", "--rootfs", _dir["root"]];
        return published ? new(80, 24, environmentAndTemp, [PublishedKiln.Path, .. args]) : new(80, 24, environmentAndTemp, ["dotnet", Kiln(), .. args]);
    }

    static void EnterThroughTheWizard(Tmux tmux)
    {
        tmux.WaitFor("Build a disk image");
        foreach (var next in new[] { "Step 1 of 5: Node", "Step 2 of 5: Cluster", "Step 3 of 5: Certificates", "Step 4 of 5: Etcd", "Step 5 of 5: Review" })
        {
            tmux.Keys("Enter");
            tmux.WaitFor(next);
        }

        tmux.Keys("Enter");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tui_EnterThroughACompleteConfig_WritesTheNodesFilesAndShowsThePhases(bool published)
    {
        using var tmux = Start(new(StringComparer.Ordinal) { ["TERM"] = "xterm-256color", ["LANG"] = "C.UTF-8" }, published);

        var start = tmux.Capture(escapes: true);
        EnterThroughTheWizard(tmux);
        var done = tmux.WaitFor("Done: this node is set up", 90);

        Assert.True(File.Exists(_dir["root/etc/kubernetes/pki/ca.crt"]));
        Assert.True(File.Exists(_dir["root/etc/kubernetes/manifests/kube-apiserver.yaml"]));
        Assert.True(File.Exists(_dir["root/etc/kubernetes/admin.conf"]));
        Assert.Contains("[x] ", done, StringComparison.Ordinal);
        Assert.Matches(@"done: (\d+)/\1 phases complete", done);
        Assert.DoesNotContain("PRIVATE KEY", done, StringComparison.Ordinal);
        // the control for the NO_COLOR test: the default theme does colour, and capture-pane -e shows it
        Assert.Matches(ColourCode(), start + tmux.Capture(escapes: true));
        tmux.Keys("Enter");
        var after = tmux.WaitFor("kiln exited with");
        Assert.Contains("kiln: init finished", after, StringComparison.Ordinal);
        Assert.Contains("kiln exited with 0", after, StringComparison.Ordinal);
        var log = LogPath().Match(after).Groups["path"].Value;
        Assert.Contains("[certs/ca] wrote /etc/kubernetes/pki/ca.crt", File.ReadAllText(log), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(log), StringComparison.Ordinal);
        File.Delete(log);
    }

    [Fact]
    public void Tui_WithStdinRedirected_ExitsTwoAtOnce()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = Tool.Run("dotnet", Kiln(), "tui", "--config", _dir["cluster.yaml"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("kiln init --config FILE", result.Err, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Tui_WithNoColor_EmitsNoColourCodes()
    {
        using var tmux = Start(new(StringComparer.Ordinal) { ["TERM"] = "xterm-256color", ["NO_COLOR"] = "1" });

        tmux.WaitFor("Build a disk image");
        var screens = tmux.Capture(escapes: true);
        EnterThroughTheWizard(tmux);
        var done = tmux.WaitFor("Done: this node is set up", 90);
        screens += tmux.Capture(escapes: true);

        Assert.Contains("[x] ", done, StringComparison.Ordinal);
        Assert.Contains("\e[7m", screens, StringComparison.Ordinal);
        Assert.DoesNotMatch(ColourCode(), screens);
    }

    [Fact]
    public void Tui_OnALinuxConsoleWithAUtf8Locale_DrawsOnlyAsciiToo()
    {
        using var tmux = Start(new(StringComparer.Ordinal) { ["TERM"] = "linux", ["LANG"] = "C.UTF-8" });

        var screen = tmux.WaitFor("Build a disk image");

        // the serial theme is ASCII whatever the locale: a VGA font may lack even the single box lines
        Assert.Empty(screen.Where(c => c > '~').Distinct());
        Assert.StartsWith("++Kiln+---", screen, StringComparison.Ordinal);
        Assert.Contains("* Set up this node", screen, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vt220", "C")]
    [InlineData("xterm-256color", "POSIX")]
    public void Tui_OnATerminalWithoutUtf8_EveryScreenIsAscii(string term, string lang)
    {
        using var tmux = Start(new(StringComparer.Ordinal) { ["TERM"] = term, ["LANG"] = lang });

        tmux.WaitFor("Build a disk image");
        var screens = new List<string> { tmux.Capture() };
        foreach (var next in new[] { "Step 1 of 5: Node", "Step 2 of 5: Cluster", "Step 3 of 5: Certificates", "Step 4 of 5: Etcd", "Step 5 of 5: Review" })
        {
            tmux.Keys("Enter");
            screens.Add(tmux.WaitFor(next));
        }

        tmux.Keys("Enter");
        screens.Add(tmux.WaitFor("Done: this node is set up", 90));

        // capture-pane -p prints what the terminal shows; a byte >= 0x80 is garbage on a non-UTF-8 serial line
        foreach (var screen in screens)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(screen);
            Assert.True(bytes.All(b => b < 0x80), "non-ASCII on screen:\n" + screen);
        }

        // the frames are there, in ASCII; the review's YAML is longer than its pane: the scroll bar says so
        Assert.All(screens, s => Assert.StartsWith("++Kiln+---", s, StringComparison.Ordinal));
        Assert.Matches(@"\^ \|\n", screens[5]);
        Assert.Contains("[x] ", screens[6], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"kiln: init finished; log: (?<path>\S+)", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LogPath();

    // SGR parameters that set a colour: 30-38, 40-48, 90-97, 100-107 (39 and 49 reset to the terminal's own)
    [GeneratedRegex(@"\e\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ColourCode();
}
