using Kiln.Phases.Config.Model;
using Kiln.Phases.Sessions;
using Kiln.Phases.Workflow;

namespace Kiln.Tui.Models;

/// <summary>
/// Runs a join as <c>kiln join</c> does: through the <see cref="JoinSession"/> the CLI prepares (target root, host
/// facts, live node, discovery wait), so the TUI and <c>kiln join</c> run the same workflow the same way.
/// </summary>
/// <param name="Session">The session for a JoinConfiguration.</param>
/// <param name="Rootfs">Where the files land (null for this host).</param>
public sealed record JoinRunner(Func<JoinConfiguration, JoinSession> Session, string? Rootfs) : IJoinRunner
{
    public string Target => Rootfs ?? "this node";

    public IReadOnlyList<string> Problems(JoinConfiguration join) => [.. Session(join).Errors.Select(e => e.Text)];

    public WorkflowPlan Plan(JoinConfiguration join) => Session(join).Plan();

    public Task<WorkflowResult> RunAsync(JoinConfiguration join, IProgress<PhaseEvent> events, IProgress<string> notes, CancellationToken cancellationToken) =>
        Session(join).RunAsync(events, new Notes(notes), cancellationToken);

    sealed class Notes(IProgress<string> lines) : IProgress<DiscoveryNote>
    {
        public void Report(DiscoveryNote value) =>
            lines.Report(value.Kind == DiscoveryNoteKind.UnpinnedCa ? $"[discovery] warning: CA not pinned: {value.Text}" : $"[discovery] {value.Text}");
    }
}
