using Kiln.Phases;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Workflow;
using Kiln.TestKit;
using Kiln.Tui.Models;

namespace Kiln.Tui.Tests;

/// <summary>A join runner that replays discovery notes and phase events over the join workflow's real plan.</summary>
public sealed class ScriptedJoinRunner(IReadOnlyList<string> scriptedNotes, IReadOnlyList<PhaseEvent> recorded, WorkflowResult result) : IJoinRunner
{
    static readonly DateTimeOffset s_at = TestContexts.Epoch;

    public JoinConfiguration? RanWith { get; private set; }

    public IReadOnlyList<string> ProblemsToReport { get; init; } = [];

    public string Target => "this node";

    public IReadOnlyList<string> Problems(JoinConfiguration join) => ProblemsToReport;

    public WorkflowPlan Plan(JoinConfiguration join) => new(Workflows.Join, [.. Workflows.Join.Phases.Select(p => new PlannedPhase(p, null))]);

    public Task<WorkflowResult> RunAsync(JoinConfiguration join, IProgress<PhaseEvent> events, IProgress<string> notes, CancellationToken cancellationToken)
    {
        RanWith = join;
        foreach (var note in scriptedNotes)
        {
            notes.Report(note);
        }

        foreach (var e in recorded)
        {
            events.Report(e);
        }

        return Task.FromResult(result);
    }

    static PhaseId Id(string id) => PhaseId.Parse(id);

    /// <summary>Discovery finds the cluster; every join phase succeeds.</summary>
    public static ScriptedJoinRunner Success()
    {
        var phases = Workflows.Join.Phases;
        var events = new List<PhaseEvent>();
        for (var i = 0; i < phases.Count; i++)
        {
            events.Add(new PhaseStarted(phases[i].Id, s_at, i + 1, phases.Count));
            events.Add(new PhaseSucceeded(phases[i].Id, s_at, TimeSpan.FromMilliseconds(30)));
        }

        return new(["[discovery] cluster-info from 10.0.0.10:6443 is signed by token abcdef; CA matches sha256:0123"], events, new WorkflowResult(null));
    }

    /// <summary>Preflight passes; kubelet-start fails: the token is wrong.</summary>
    public static ScriptedJoinRunner Failure()
    {
        var error = new PhaseError(Id("kubelet-start"), "the API server at 10.0.0.10:6443 refused the bootstrap token: the token is wrong",
            "create a token with 'kiln token create' on a control-plane node", null);
        return new(["[discovery] reading cluster-info from 10.0.0.10:6443 (waiting up to 300s)"],
        [
            new PhaseStarted(Id("preflight"), s_at, 1, 2),
            new PhaseSucceeded(Id("preflight"), s_at, TimeSpan.FromMilliseconds(10)),
            new PhaseStarted(Id("kubelet-start"), s_at, 2, 2),
            new PhaseFailed(Id("kubelet-start"), s_at, error),
        ], new WorkflowResult(error));
    }
}
