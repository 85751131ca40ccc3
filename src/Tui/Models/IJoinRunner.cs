using Kiln.Phases.Config.Model;
using Kiln.Phases.Workflow;

namespace Kiln.Tui.Models;

/// <summary>How the join screens plan and run a JoinConfiguration: the real join session, or a replay in tests.</summary>
public interface IJoinRunner
{
    /// <summary>Where the run writes: "this node", or the --rootfs directory.</summary>
    string Target { get; }

    /// <summary>What keeps the session from running (a missing token, an incomplete discovery); empty when it can run.</summary>
    IReadOnlyList<string> Problems(JoinConfiguration join);

    /// <summary>What a run of <paramref name="join"/> will do; connects to nothing.</summary>
    WorkflowPlan Plan(JoinConfiguration join);

    /// <summary>Runs the join; discovery's notes go to <paramref name="notes"/> as log lines.</summary>
    Task<WorkflowResult> RunAsync(JoinConfiguration join, IProgress<PhaseEvent> events, IProgress<string> notes, CancellationToken cancellationToken);
}
