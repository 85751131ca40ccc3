using Kiln.Phases.Workflow;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Workflow;

public class WorkflowRunnerTests
{
    static readonly Dictionary<PhaseId, string> s_groups = new() { [PhaseId.Parse("certs")] = "Certificates" };

    static (Kiln.Phases.Workflow.Workflow Workflow, List<string> Ran) Build(Func<PhaseContext, SkipReason?>? skipC = null, string? failing = null)
    {
        var ran = new List<string>();
        PhaseDefinition P(string id) => new(PhaseId.Parse(id), $"Run {id}", (c, ct) =>
        {
            ran.Add(id);
            return string.Equals(id, failing, StringComparison.Ordinal) ? throw new PhaseException($"{id} broke", "try again") : Task.CompletedTask;
        });
        var workflow = Kiln.Phases.Workflow.Workflow.Create("test",
        [
            P("preflight"),
            P("certs/ca"),
            P("certs/apiserver") with { After = [PhaseId.Parse("certs/ca")] },
            P("kubeconfig") with { Needs = Capabilities.Files | Capabilities.ClusterApi },
            P("addon") with { SkipReason = skipC },
        ], s_groups);
        return (workflow, ran);
    }

    public static TheoryData<string[], string[], string> Selections() => new()
    {
        { [], [], "preflight certs/ca certs/apiserver kubeconfig addon" },
        { ["certs"], [], "certs/ca certs/apiserver" },
        { ["certs/apiserver"], [], "certs/apiserver" },
        { [], ["certs"], "preflight kubeconfig addon" },
        { ["certs"], ["certs/ca"], "certs/apiserver" },
        { ["certs/ca"], ["certs"], "" },
        { ["preflight", "addon"], [], "preflight addon" },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public async Task Run_Selection_RunsExactlyTheChosenPhasesInOrder(string[] only, string[] skip, string expected)
    {
        var (workflow, ran) = Build();
        var (context, _, _) = TestContexts.Create();
        // a live node with a cluster (never connected): the run offers everything, so only the selection decides
        context = context with { Live = new Kiln.Phases.Live.LiveNode(new RecordingServices(), new Kiln.Phases.Cluster.ClusterConnection(_ => throw new InvalidOperationException())) };

        var selection = workflow.Select(new PhaseSelection(only, skip));
        var result = await WorkflowRunner.RunAsync(WorkflowPlan.Create(workflow, selection, context), context, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(expected, string.Join(' ', ran));
    }

    [Fact]
    public void Select_UnknownId_ListsValidIdsAndSuggestsClosest()
    {
        var (workflow, _) = Build();

        var result = workflow.Select(new PhaseSelection(["certs/apiserve"], ["bogus"]));

        Assert.Empty(result.Phases);
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains("unknown phase 'certs/apiserve' in the test workflow; did you mean 'certs/apiserver'?", result.Errors[0], StringComparison.Ordinal);
        Assert.Contains("valid phases: preflight, certs, certs/ca, certs/apiserver, kubeconfig, addon", result.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SkipReasonsAndTargets_AreKnownBeforeAnythingRuns()
    {
        var (workflow, ran) = Build(skipC: _ => SkipReason.ByConfig("proxy disabled"));
        var (context, _, _) = TestContexts.Create(kind: TargetKinds.Image);

        var plan = WorkflowPlan.Create(workflow, workflow.Select(new PhaseSelection([], ["preflight"])), context);

        Assert.Empty(ran);
        Assert.Equal(
            ["preflight: Selection", "certs/ca: ", "certs/apiserver: ", "kubeconfig: deferred to first boot (needs the cluster API)", "addon: proxy disabled"],
            plan.Phases.Select(p => $"{p.Phase.Id}: {(p.SkipReason?.Kind == SkipKind.Selection ? "Selection" : p.SkipReason?.Text)}"), StringComparer.Ordinal);
        Assert.Equal(Capabilities.ClusterApi, plan.Phases.Single(p => string.Equals(p.Phase.Id.Value, "kubeconfig", StringComparison.Ordinal)).SkipReason!.Missing);
        Assert.Equal(2, plan.RunCount);
    }

    [Fact]
    public void Plan_FilesOnly_SkipsPhasesThatNeedMore_NamingWhatIsMissing()
    {
        var (workflow, _) = Build();
        // no live node: the run offers the node's files only
        var (context, _, _) = TestContexts.Create();

        var plan = WorkflowPlan.Create(workflow, workflow.Select(PhaseSelection.All), context);

        Assert.Equal(Capabilities.Files, context.Offers);
        Assert.Equal("needs the cluster API; this run only writes files", plan.Phases.Single(p => string.Equals(p.Phase.Id.Value, "kubeconfig", StringComparison.Ordinal)).SkipReason?.Text);
        Assert.Null(plan.Phases.Single(p => string.Equals(p.Phase.Id.Value, "certs/ca", StringComparison.Ordinal)).SkipReason);
    }

    [Fact]
    public async Task Run_FailingPhase_EmitsFailedWithHintAndStops()
    {
        var (workflow, ran) = Build(failing: "certs/ca");
        var (context, events, _) = TestContexts.Create();

        var result = await WorkflowRunner.RunAsync(WorkflowPlan.Create(workflow, workflow.Select(PhaseSelection.All), context), context, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("certs/ca broke", result.Error!.Message);
        Assert.Equal("try again", result.Error.Hint);
        Assert.Equal("preflight certs/ca", string.Join(' ', ran));
        Assert.Equal(
            ["PhaseStarted preflight", "PhaseSucceeded preflight", "PhaseStarted certs/ca", "PhaseFailed certs/ca"],
            events.Events.Select(e => $"{e.GetType().Name} {e.Phase}"), StringComparer.Ordinal);
    }

    [Fact]
    public async Task Run_UnexpectedException_IsWrappedWithPhaseIdAndKeepsInner()
    {
        var boom = new InvalidOperationException("boom");
        var workflow = Kiln.Phases.Workflow.Workflow.Create("t", [new(PhaseId.Parse("x"), "X", (_, _) => throw boom)]);
        var (context, _, _) = TestContexts.Create();

        var result = await WorkflowRunner.RunAsync(WorkflowPlan.Create(workflow, workflow.Select(PhaseSelection.All), context), context, CancellationToken.None);

        Assert.Equal(PhaseId.Parse("x"), result.Error!.Phase);
        Assert.Same(boom, result.Error.Exception);
    }

    [Fact]
    public async Task Run_PhaseEvents_CarryThePhaseIdAndIndexes()
    {
        var workflow = Kiln.Phases.Workflow.Workflow.Create("t",
        [
            new(PhaseId.Parse("a"), "A", (c, _) => { c.Written("/etc/a"); return Task.CompletedTask; }),
            new(PhaseId.Parse("b"), "B", (c, _) => { c.Reused("/etc/b"); return Task.CompletedTask; }),
        ]);
        var (context, events, _) = TestContexts.Create();

        await WorkflowRunner.RunAsync(WorkflowPlan.Create(workflow, workflow.Select(PhaseSelection.All), context), context, CancellationToken.None);

        Assert.Contains(events.Events, e => e is ArtifactWritten { Phase.Value: "a", Path: "/etc/a" });
        Assert.Contains(events.Events, e => e is ArtifactReused { Phase.Value: "b", Path: "/etc/b" });
        Assert.Contains(events.Events, e => e is PhaseStarted { Phase.Value: "b", Index: 2, Count: 2 });
    }

    [Theory]
    [InlineData("duplicate phase id 'a'")]
    [InlineData("phase 'c' has no summary")]
    [InlineData("phase 'a' must come after 'z', which is not earlier in the workflow")]
    [InlineData("group 'g' has no summary")]
    public void Create_InvalidWorkflow_ThrowsNamingEveryProblem(string problem)
    {
        static Task Nop(PhaseContext c, CancellationToken ct) => Task.CompletedTask;

        var e = Assert.Throws<InvalidOperationException>(() => Kiln.Phases.Workflow.Workflow.Create("bad",
        [
            new(PhaseId.Parse("a"), "A", Nop) { After = [PhaseId.Parse("z")] },
            new(PhaseId.Parse("a"), "A again", Nop),
            new(PhaseId.Parse("c"), " ", Nop),
            new(PhaseId.Parse("g/x"), "X", Nop),
        ]));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("certs/apiserver", true)]
    [InlineData("addon/kube-proxy", true)]
    [InlineData("Certs", false)]
    [InlineData("certs/", false)]
    [InlineData("certs//ca", false)]
    [InlineData("-certs", false)]
    public void PhaseId_Grammar(string text, bool valid) => Assert.Equal(valid, PhaseId.TryParse(text, out _));
}
