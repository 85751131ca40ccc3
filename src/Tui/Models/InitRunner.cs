using Kiln.Phases.Config;
using Kiln.Phases.Sessions;
using Kiln.Phases.Workflow;

namespace Kiln.Tui.Models;

/// <summary>
/// Runs an init as <c>kiln init</c> does: through the <see cref="InitSession"/> the CLI prepares for a config (target
/// root, host facts, live node), so the TUI and <c>kiln init</c> run the same workflow the same way.
/// </summary>
/// <param name="Session">The session for a config.</param>
/// <param name="Rootfs">Where the files land (null for this host), for the run screen's heading.</param>
public sealed record InitRunner(Func<KubeadmConfig, InitSession> Session, string? Rootfs) : IInitRunner
{
    public string Target => Rootfs ?? "this node";

    public WorkflowPlan Plan(KubeadmConfig config) => Session(config).Plan();

    // the join command and any generated key hold secrets: they never go to the screen
    public Task<WorkflowResult> RunAsync(KubeadmConfig config, IProgress<PhaseEvent> events, CancellationToken cancellationToken) =>
        Session(config).RunAsync(events, secrets: null, cancellationToken);
}
