using Kiln.Phases;
using Kiln.Phases.Config;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.Tui.Models;

/// <summary>How the run screen plans and runs a config: the real init workflow, or a replay in tests.</summary>
public interface IInitRunner
{
    WorkflowPlan Plan(KubeadmConfig config);

    Task<WorkflowResult> RunAsync(WorkflowPlan plan, KubeadmConfig config, IProgress<PhaseEvent> events, CancellationToken cancellationToken);
}

/// <summary>Runs <see cref="Workflows.Init"/> as <c>kiln init</c> does, against the host or a <c>--rootfs</c>.</summary>
/// <param name="Rootfs">The node's / (null for this host).</param>
/// <param name="FilesOnly">Skip the phases that need a live node.</param>
/// <param name="Host">This host's facts; not passed to the phases when <paramref name="Rootfs"/> is set.</param>
/// <param name="Clock">Time.</param>
public sealed record InitRunner(string? Rootfs, bool FilesOnly, HostFacts? Host, TimeProvider Clock) : IInitRunner
{
    public WorkflowPlan Plan(KubeadmConfig config) =>
        WorkflowPlan.Create(Workflows.Init, Selection(config), Context(config, new Progress<PhaseEvent>()), FilesOnly);

    public Task<WorkflowResult> RunAsync(WorkflowPlan plan, KubeadmConfig config, IProgress<PhaseEvent> events, CancellationToken cancellationToken) =>
        WorkflowRunner.RunAsync(plan, Context(config, events), cancellationToken);

    static SelectionResult Selection(KubeadmConfig config) =>
        Workflows.Init.Select(new PhaseSelection([], config.Init?.SkipPhases?.ToArray() ?? []));

    PhaseContext Context(KubeadmConfig config, IProgress<PhaseEvent> events) =>
        new(config, new HostRoot(Rootfs ?? "/"), NullLogger.Instance, events, Clock, TargetKinds.LiveNode)
        {
            // with --rootfs the files are for another machine: its hostname and proxies are not this process's
            Host = Rootfs is null ? Host : null,
        };
}
