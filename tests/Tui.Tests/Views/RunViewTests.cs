using System.Collections.Specialized;
using System.Text.RegularExpressions;
using Kiln.TestKit;
using Kiln.Tui.Views;
using Microsoft.Extensions.Time.Testing;
using Terminal.Gui.Input;

namespace Kiln.Tui.Tests.Views;

public sealed partial class RunViewTests : IDisposable
{
    readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    static RunScreen Run(Headless h)
    {
        for (var i = 0; i < 6; i++)
        {
            h.Press(Key.Enter);
        }

        var run = Assert.IsType<RunScreen>(h.Window.Screen);
        h.Pump(() => run.Model.Finished);
        return run;
    }

    Headless Open(Kiln.Tui.Models.IInitRunner runner, int width, int height, string? logPath = null) =>
        new(TuiTestOptions.Create(runner, logPath ?? _dir["kiln-tui.log"], TuiTestOptions.Load(TuiTestOptions.Complete)) with
        {
            Clock = new FakeTimeProvider(TestContexts.Epoch),
        }, width, height);

    /// <summary>The screen with the log path on the "log:" row masked, padded to its width: the snapshot holds no temp path.</summary>
    internal static string Masked(string screen) =>
        LogRow().Replace(screen, m => m.Groups["label"].Value + "<log path>".PadRight(m.Groups["path"].Length) + m.Groups["border"].Value);

    [GeneratedRegex(@"(?<label>log: )(?<path>\S+ *)(?<border>│)", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LogRow();

    [Fact]
    public void Log_TabOutAfterScrollingUp_ShowsTheTailAgain()
    {
        using var h = Open(ScriptedRunner.Success(), 80, 24);
        var run = Run(h);
        var last = run.Model.Log[^1];
        Assert.Contains(last, h.Screen(), StringComparison.Ordinal);

        // focus starts on the phases; Tab goes to the log, as the key line says
        h.Press(Key.Tab);

        Assert.True(run.LogList.HasFocus, $"Tab moves into the log; focused: {h.App.Navigation?.GetFocused()}");
        h.Press(Key.Home);
        var scrolled = h.Screen();
        h.Press(Key.Tab);
        Assert.False(run.LogList.HasFocus);
        var back = h.Screen();

        Assert.DoesNotContain(last, scrolled, StringComparison.Ordinal);
        Assert.Contains(last, back, StringComparison.Ordinal);
    }

    [Fact]
    public void Heading_LongRootfs_KeepsToItsRowWithThePathsEnd()
    {
        var rootfs = "/var/tmp/" + string.Concat(Enumerable.Repeat("a-long-directory-name/", 5)) + "node-1-rootfs";
        var runner = new BlockingRunner { Target = rootfs };
        using var h = Open(runner, 80, 24);
        for (var i = 0; i < 6; i++)
        {
            h.Press(Key.Enter);
        }

        Assert.IsType<RunScreen>(h.Window.Screen);
        h.Pump(() => runner.Started);
        var heading = h.Screen().Split('\n')[1];
        h.Press(Key.Esc, Key.Y);

        // the heading row inside the border: "Running init on /var/tmp/a-lo...ame/node-1-rootfs", 78 columns at most
        var text = heading.Trim('│', ' ');
        Assert.StartsWith("Running init on /var/tmp/", text, StringComparison.Ordinal);
        Assert.EndsWith("/node-1-rootfs", text, StringComparison.Ordinal);
        Assert.Contains("...", text, StringComparison.Ordinal);
        Assert.True(text.Length <= 78, text);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public void Run_RecordedSuccess_MatchesSnapshot(int width, int height)
    {
        using var h = Open(ScriptedRunner.Success(), width, height);

        var run = Run(h);

        var screen = h.Screen();
        Assert.True(run.Model.Succeeded);
        Assert.Contains("[x] certs/ca", screen, StringComparison.Ordinal);
        Assert.Contains("[-] kubelet-start  skipped: listed in skipPhases", screen, StringComparison.Ordinal);
        Snapshot.Match(Masked(screen), $"tui/run-success-{width}x{height}");
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public void Run_RecordedFailure_KeepsErrorHintAndLogOnScreen(int width, int height)
    {
        using var h = Open(ScriptedRunner.Failure(), width, height);

        var run = Run(h);

        var screen = h.Screen();
        Assert.False(run.Model.Succeeded);
        Assert.Contains("[!] certs/apiserver", screen, StringComparison.Ordinal);
        Assert.Contains("error execution phase certs/apiserver: /etc/kubernetes/pki/apiserver.crt", screen, StringComparison.Ordinal);
        Assert.Contains("hint: remove the file to have it generated", screen, StringComparison.Ordinal);
        Assert.Contains($"log: {_dir["kiln-tui.log"]}", screen, StringComparison.Ordinal);
        Assert.Contains("[certs/apiserver] failed:", File.ReadAllText(_dir["kiln-tui.log"]), StringComparison.Ordinal);
        Snapshot.Match(Masked(screen), $"tui/run-failure-{width}x{height}");
    }

    public static TheoryData<bool, int, int> Outcomes() => new() { { true, 80, 24 }, { false, 80, 24 }, { true, 120, 40 }, { false, 120, 40 } };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Run_Finished_TheNewestLogLineIsOnScreen(bool success, int width, int height)
    {
        using var h = Open(success ? ScriptedRunner.Success() : ScriptedRunner.Failure(), width, height);

        var run = Run(h);

        var newest = run.Model.Log[^1];
        Assert.StartsWith(success ? "finished in" : "stopped: error execution phase certs/apiserver", newest, StringComparison.Ordinal);
        Assert.Contains(newest, h.Screen(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(150)]
    public void Run_AnyLogPathLength_KeepsTheLayout(int directoryLength)
    {
        var directory = _dir[new string('d', directoryLength)];
        Directory.CreateDirectory(directory);
        using var h = Open(ScriptedRunner.Failure(), 80, 24, Path.Combine(directory, "kiln-tui.log"));
        Run(h);

        var lines = h.Screen().TrimEnd('\n').Split('\n');

        // one "log:" row, as wide as the screen, ending in the border; the log pane keeps its rows
        var row = Assert.Single(lines, l => l.Contains("log: ", StringComparison.Ordinal));
        Assert.Equal(80, row.Length);
        Assert.Matches(directoryLength > 60 ? "/kiln-tui\\.log │$" : "/kiln-tui\\.log +│$", row);
        Assert.Equal(directoryLength > 60, row.Contains("...", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal(80, l.Length));
        Assert.Equal(Array.IndexOf(lines, row) + 1, Array.FindIndex(lines, l => l.Contains("Log", StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_Tick_ChangesOnlyTheElapsedTime()
    {
        var runner = new BlockingRunner();
        var clock = new FakeTimeProvider(TestContexts.Epoch);
        using var h = new Headless(TuiTestOptions.Create(runner, _dir["kiln-tui.log"], TuiTestOptions.Load(TuiTestOptions.Complete)) with { Clock = clock });
        h.Press(Key.Enter, Key.Enter, Key.Enter, Key.Enter, Key.Enter, Key.Enter);
        var run = Assert.IsType<RunScreen>(h.Window.Screen);
        h.Pump(() => runner.Started);
        var changes = new List<NotifyCollectionChangedEventArgs>();
        run.RowTexts.CollectionChanged += (_, e) => changes.Add(e);

        clock.Advance(TimeSpan.FromSeconds(2));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        h.Pump(() => h.Screen().Contains("2.0s elapsed", StringComparison.Ordinal));

        Assert.Empty(changes);
        h.Press(Key.Esc, Key.Y);
    }

    [Fact]
    public void Run_PhaseEvent_ReplacesOnlyItsRow()
    {
        var runner = new BlockingRunner { First = new Kiln.Phases.Workflow.PhaseStarted(Kiln.Phases.Workflow.PhaseId.Parse("certs/apiserver"), TestContexts.Epoch, 2, 3) };
        using var h = new Headless(TuiTestOptions.Create(runner, _dir["kiln-tui.log"], TuiTestOptions.Load(TuiTestOptions.Complete)));
        h.Press(Key.Enter, Key.Enter, Key.Enter, Key.Enter, Key.Enter, Key.Enter);
        var run = Assert.IsType<RunScreen>(h.Window.Screen);
        // the runner's events reach the screen only when the UI thread runs its queue (in Pump)
        var changes = new List<NotifyCollectionChangedEventArgs>();
        run.RowTexts.CollectionChanged += (_, e) => changes.Add(e);

        h.Pump(() => run.Model.Rows[1].State == Kiln.Tui.Models.PhaseState.Running);

        var change = Assert.Single(changes);
        Assert.Equal(NotifyCollectionChangedAction.Replace, change.Action);
        Assert.Equal(1, change.NewStartingIndex);
        Assert.Equal("[>] certs/apiserver", change.NewItems![0]);
        h.Press(Key.Esc, Key.Y);
    }

    [Fact]
    public void Run_Finished_EnterQuits()
    {
        using var h = Open(ScriptedRunner.Success(), 80, 24);
        Run(h);

        h.Press(Key.Enter);

        Assert.True(h.Window.QuitRequested);
        Assert.True(h.Window.Outcome);
    }

    [Fact]
    public void Run_EscDuringTheRun_AsksThenCancelsIt()
    {
        var runner = new BlockingRunner();
        using var h = new Headless(TuiTestOptions.Create(runner, _dir["kiln-tui.log"], TuiTestOptions.Load(TuiTestOptions.Complete)));
        for (var i = 0; i < 6; i++)
        {
            h.Press(Key.Enter);
        }

        var run = Assert.IsType<RunScreen>(h.Window.Screen);
        h.Pump(() => runner.Started);

        h.Press(Key.Esc);
        Assert.Contains("The run is still going and will be cancelled", h.Screen(), StringComparison.Ordinal);
        h.Press(Key.Y);

        Assert.True(h.Window.QuitRequested);
        h.Pump(() => run.Running!.IsCompleted);
        Assert.True(runner.Cancelled);
        // a cancelled run is not "nothing ran": kiln tui reports it as a failure
        Assert.False(h.Window.Outcome);
    }

    [Fact]
    public void Run_WhileItRuns_TheElapsedTimeTicks()
    {
        var runner = new BlockingRunner();
        var clock = new FakeTimeProvider(TestContexts.Epoch);
        using var h = new Headless(TuiTestOptions.Create(runner, _dir["kiln-tui.log"], TuiTestOptions.Load(TuiTestOptions.Complete)) with { Clock = clock });
        for (var i = 0; i < 6; i++)
        {
            h.Press(Key.Enter);
        }

        h.Pump(() => runner.Started);
        Assert.Contains("running: 0/3 phases complete, 0.0s elapsed", h.Screen(), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(3));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        h.Pump(() => h.Screen().Contains("3.0s elapsed", StringComparison.Ordinal));

        h.Press(Key.Esc, Key.Y);
    }

    sealed class BlockingRunner : Kiln.Tui.Models.IInitRunner
    {
        public bool Started { get; private set; }

        public string Target { get; init; } = "this node";

        /// <summary>An event to report before blocking.</summary>
        public Kiln.Phases.Workflow.PhaseEvent? First { get; init; }

        public bool Cancelled { get; private set; }

        public Kiln.Phases.Workflow.WorkflowPlan Plan(Kiln.Phases.Config.KubeadmConfig config) => ScriptedRunner.SmallPlan;

        public async Task<Kiln.Phases.Workflow.WorkflowResult> RunAsync(Kiln.Phases.Config.KubeadmConfig config,
            IProgress<Kiln.Phases.Workflow.PhaseEvent> events, CancellationToken cancellationToken)
        {
            if (First is not null)
            {
                events.Report(First);
            }

            Started = true;
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(5), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }

            return new Kiln.Phases.Workflow.WorkflowResult(null);
        }
    }

    [Fact]
    public void Run_RunnerThrows_EndsAsAFailureWithTheStackInTheLogOnly()
    {
        var runner = new ThrowingRunner();
        using var h = new Headless(TuiTestOptions.Create(runner, _dir["kiln-tui.log"], TuiTestOptions.Load(TuiTestOptions.Complete)));
        for (var i = 0; i < 6; i++)
        {
            h.Press(Key.Enter);
        }

        var run = Assert.IsType<RunScreen>(h.Window.Screen);
        h.Pump(() => run.Model.Finished);

        var screen = h.Screen();
        Assert.Contains("error execution phase certs/ca: InvalidOperationException: boom", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("at Kiln.", screen, StringComparison.Ordinal);
        Assert.Contains("at Kiln.Tui.Tests", File.ReadAllText(_dir["kiln-tui.log"]), StringComparison.Ordinal);
    }

    sealed class ThrowingRunner : Kiln.Tui.Models.IInitRunner
    {
        public string Target => "this node";

        public Kiln.Phases.Workflow.WorkflowPlan Plan(Kiln.Phases.Config.KubeadmConfig config) => ScriptedRunner.SmallPlan;

        public Task<Kiln.Phases.Workflow.WorkflowResult> RunAsync(Kiln.Phases.Config.KubeadmConfig config,
            IProgress<Kiln.Phases.Workflow.PhaseEvent> events, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public void Run_TheRealInitWorkflow_WritesTheFilesAndEveryRowEnds()
    {
        var root = _dir["root"];
        var runner = new Kiln.Tui.Models.InitRunner(config => Kiln.Phases.Sessions.InitSession.Create(config,
            new Kiln.Phases.Sessions.RunOptions { Target = new Kiln.Phases.Targets.HostRoot(root) }), root);
        using var h = new Headless(TuiTestOptions.Create(runner, _dir["kiln-tui.log"], TuiTestOptions.Load(TuiTestOptions.Complete)) with { FilesOnly = true });

        var run = Run(h);

        Assert.True(run.Model.Succeeded, string.Join('\n', run.Model.Log));
        Assert.True(File.Exists(Path.Combine(root, "etc/kubernetes/pki/ca.crt")));
        Assert.True(File.Exists(Path.Combine(root, "etc/kubernetes/manifests/etcd.yaml")));
        Assert.All(run.Model.Rows, r => Assert.True(r.State is Kiln.Tui.Models.PhaseState.Done or Kiln.Tui.Models.PhaseState.Skipped, r.ToString()));
        Assert.Contains("[certs/ca] wrote /etc/kubernetes/pki/ca.crt", File.ReadAllText(_dir["kiln-tui.log"]), StringComparison.Ordinal);
    }
}
