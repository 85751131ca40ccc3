using Kiln.Phases;
using Kiln.Phases.Config;
using Kiln.Phases.Workflow;

namespace Kiln.Tui.Models;

/// <summary>
/// Runs <see cref="Workflows.Init"/> as <c>kiln init</c> does. The CLI composes the phase context (target root,
/// host facts, live-node services), so the TUI and <c>kiln init</c> run with the same one.
/// </summary>
/// <param name="Context">The phase context for a config and an event sink.</param>
/// <param name="FilesOnly">Skip the phases that need a live node.</param>
/// <param name="Rootfs">Where the files land (null for this host), for the run screen's heading.</param>
public sealed record InitRunner(Func<KubeadmConfig, IProgress<PhaseEvent>, PhaseContext> Context, bool FilesOnly, string? Rootfs) : IInitRunner
{
    public string Target => Rootfs ?? "this node";

    public WorkflowPlan Plan(KubeadmConfig config) =>
        WorkflowPlan.Create(Workflows.Init, Selection(config), Context(config, new Progress<PhaseEvent>()), FilesOnly);

    public Task<WorkflowResult> RunAsync(WorkflowPlan plan, KubeadmConfig config, IProgress<PhaseEvent> events, CancellationToken cancellationToken) =>
        WorkflowRunner.RunAsync(plan, Context(config, events), cancellationToken);

    static SelectionResult Selection(KubeadmConfig config) =>
        Workflows.Init.Select(new PhaseSelection([], config.Init?.SkipPhases?.ToArray() ?? []));
}
