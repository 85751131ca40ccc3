using Kiln.Phases.Workflow;
using Kiln.Tui.Models;
using Microsoft.Extensions.Time.Testing;

namespace Kiln.Tui.Tests.Models;

public class RunModelTests
{
    static RunModel Replay(ScriptedRunner runner, out WorkflowResult result)
    {
        var model = new RunModel(ScriptedRunner.SmallPlan, new FakeTimeProvider(), "/var/log/kiln-tui.log");
        var events = new List<PhaseEvent>();
        result = runner.RunAsync(null!, new Sink(events.Add), CancellationToken.None).Result;
        foreach (var e in events)
        {
            model.Apply(e);
        }

        return model;
    }

    [Fact]
    public void Log_WrittenFile_NamesItsModeAsTheCliDoes()
    {
        var written = new ArtifactWritten(PhaseId.Parse("certs/ca"), DateTimeOffset.UnixEpoch, "/etc/kubernetes/pki/ca.key", "RSA-2048 private key")
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };

        Assert.Equal("[certs/ca] wrote /etc/kubernetes/pki/ca.key (0600): RSA-2048 private key", PhaseEventText.Format(written));
    }

    [Fact]
    public void Run_BeforeAnyEvent_ShowsThePlanWithSkipReasons()
    {
        var model = new RunModel(ScriptedRunner.SmallPlan, new FakeTimeProvider(), "log");

        Assert.Equal(
            ["[ ] certs/ca", "[ ] certs/apiserver", "[ ] kubeconfig/admin", "[ ] kubelet-start  skipped: listed in skipPhases"],
            model.Rows.Select(r => r.ToString()), StringComparer.Ordinal);
        Assert.Equal(0f, model.Fraction);
        Assert.Equal("running: 0/3 phases complete, 0.0s elapsed", model.Status);
    }

    [Fact]
    public void Run_RecordedSuccess_EveryRowDoneAndTheNextSteps()
    {
        var model = Replay(ScriptedRunner.Success(), out var result);
        model.Complete(result);

        Assert.Equal([PhaseState.Done, PhaseState.Done, PhaseState.Done, PhaseState.Skipped], model.Rows.Select(r => r.State));
        Assert.Equal(1f, model.Fraction);
        Assert.True(model.Succeeded);
        Assert.Contains("[certs/ca] wrote /etc/kubernetes/pki/ca.crt: CN=kubernetes, valid 10y", model.Log, StringComparer.Ordinal);
        Assert.Equal("[certs/ca] done in 0.1s", model.Log[2]);
        var outcome = model.Outcome("/etc/kubernetes/pki", filesOnly: true);
        Assert.Contains("This control-plane node's files are in place (certificates in /etc/kubernetes/pki).", outcome, StringComparer.Ordinal);
        Assert.Contains("Next, on the node: systemctl enable --now kubelet", outcome, StringComparer.Ordinal);
        Assert.Equal("log: /var/log/kiln-tui.log", model.LogRow(80));
    }

    [Fact]
    public void LogRow_LongPath_KeepsItsWidthAndTheFileName()
    {
        var path = "/tmp/" + new string('x', 120) + "/kiln-tui.log";
        var model = new RunModel(ScriptedRunner.SmallPlan, new FakeTimeProvider(), path);
        Assert.Equal("", model.LogRow(76));
        model.Complete(new WorkflowResult(null));

        var row = model.LogRow(76);

        Assert.Equal(76, row.Length);
        Assert.StartsWith("log: /tmp/xxx", row, StringComparison.Ordinal);
        Assert.EndsWith("x/kiln-tui.log", row, StringComparison.Ordinal);
        Assert.Contains("...", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RecordedFailure_KeepsTheErrorHintAndLogPath()
    {
        var model = Replay(ScriptedRunner.Failure(), out var result);
        model.Complete(result);

        Assert.Equal([PhaseState.Done, PhaseState.Failed, PhaseState.Pending, PhaseState.Pending], model.Rows.Select(r => r.State));
        Assert.False(model.Succeeded);
        Assert.StartsWith("failed: 1/3 phases complete", model.Status, StringComparison.Ordinal);
        Assert.Equal(
            [
                "error execution phase certs/apiserver: /etc/kubernetes/pki/apiserver.crt exists and lacks the SAN 10.0.0.10",
                "hint: remove the file to have it generated again, or add the SAN to it",
            ],
            model.Outcome("/etc/kubernetes/pki", filesOnly: false));
        Assert.Equal("log: /var/log/kiln-tui.log", model.LogRow(80));
    }

    [Fact]
    public void Run_WhileRunning_HasNoOutcome()
    {
        var model = new RunModel(ScriptedRunner.SmallPlan, new FakeTimeProvider(), "log");
        model.Apply(new PhaseStarted(PhaseId.Parse("certs/ca"), default, 1, 3));

        Assert.Empty(model.Outcome(null, false));
        Assert.Equal(PhaseState.Running, model.Rows[0].State);
        Assert.Equal("[>] certs/ca", model.Rows[0].ToString());
    }

    sealed class Sink(Action<PhaseEvent> add) : IProgress<PhaseEvent>
    {
        public void Report(PhaseEvent value) => add(value);
    }
}
