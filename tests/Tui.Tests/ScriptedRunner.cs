using Kiln.Phases;
using Kiln.Phases.Config;
using Kiln.Phases.Workflow;
using Kiln.TestKit;
using Kiln.Tui.Models;

namespace Kiln.Tui.Tests;

/// <summary>A runner that replays a recorded event sequence over a small real plan, for the run screen.</summary>
public sealed class ScriptedRunner(IReadOnlyList<PhaseEvent> recorded, WorkflowResult result) : IInitRunner
{
    static readonly DateTimeOffset s_at = TestContexts.Epoch;

    public static WorkflowPlan SmallPlan { get; } = new(Workflows.Init,
    [
        Row("certs/ca", null),
        Row("certs/apiserver", null),
        Row("kubeconfig/admin", null),
        Row("kubelet-start", SkipReason.Selection),
    ]);

    public KubeadmConfig? RanWith { get; private set; }

    public string Target => "this node";

    public WorkflowPlan Plan(KubeadmConfig config) => SmallPlan;

    public Task<WorkflowResult> RunAsync(KubeadmConfig config, IProgress<PhaseEvent> events, CancellationToken cancellationToken)
    {
        RanWith = config;
        foreach (var e in recorded)
        {
            events.Report(e);
        }

        return Task.FromResult(result);
    }

    /// <summary>certs/ca, certs/apiserver and kubeconfig/admin succeed; kubelet-start is skipped.</summary>
    public static ScriptedRunner Success() => new(
    [
        new PhaseStarted(Id("certs/ca"), s_at, 1, 3),
        new ArtifactWritten(Id("certs/ca"), s_at, "/etc/kubernetes/pki/ca.crt", "CN=kubernetes, valid 10y"),
        new PhaseSucceeded(Id("certs/ca"), s_at, TimeSpan.FromMilliseconds(120)),
        new PhaseStarted(Id("certs/apiserver"), s_at, 2, 3),
        new ArtifactWritten(Id("certs/apiserver"), s_at, "/etc/kubernetes/pki/apiserver.crt"),
        new PhaseSucceeded(Id("certs/apiserver"), s_at, TimeSpan.FromMilliseconds(80)),
        new PhaseStarted(Id("kubeconfig/admin"), s_at, 3, 3),
        new ArtifactWritten(Id("kubeconfig/admin"), s_at, "/etc/kubernetes/admin.conf"),
        new PhaseSucceeded(Id("kubeconfig/admin"), s_at, TimeSpan.FromMilliseconds(40)),
        new PhaseSkipped(Id("kubelet-start"), s_at, SkipReason.Selection),
    ], new WorkflowResult(null));

    /// <summary>certs/ca succeeds, certs/apiserver fails with a hint; the run stops there.</summary>
    public static ScriptedRunner Failure()
    {
        var error = new PhaseError(Id("certs/apiserver"), "/etc/kubernetes/pki/apiserver.crt exists and lacks the SAN 10.0.0.10",
            "remove the file to have it generated again, or add the SAN to it", null);
        return new(
        [
            new PhaseStarted(Id("certs/ca"), s_at, 1, 3),
            new ArtifactReused(Id("certs/ca"), s_at, "/etc/kubernetes/pki/ca.crt"),
            new PhaseSucceeded(Id("certs/ca"), s_at, TimeSpan.FromMilliseconds(10)),
            new PhaseStarted(Id("certs/apiserver"), s_at, 2, 3),
            new PhaseFailed(Id("certs/apiserver"), s_at, error),
        ], new WorkflowResult(error));
    }

    static PhaseId Id(string id) => PhaseId.Parse(id);

    static PlannedPhase Row(string id, SkipReason? skip) => new(Workflows.Init.Phases.Single(p => string.Equals(p.Id.Value, id, StringComparison.Ordinal)), skip);
}
