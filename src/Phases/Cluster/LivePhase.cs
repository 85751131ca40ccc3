using Kiln.Phases.Live;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Cluster;

/// <summary>Helpers for phases that need a live node.</summary>
public static class LivePhase
{
    /// <summary>The live node, or a clear failure when this run has none.</summary>
    public static LiveNode Require(PhaseContext c)
    {
        ArgumentNullException.ThrowIfNull(c);
        // the planner skips a phase whose needs the run does not offer, so this is a wiring bug, not a user's mistake
        return c.Live ?? throw new InvalidOperationException($"{c.Phase} ran without a live node; the planner should have skipped it");
    }

    /// <summary>A writer on the cluster API.</summary>
    public static async Task<ApiWriter> ApiAsync(PhaseContext c, CancellationToken ct)
    {
        var cluster = Require(c).Cluster ?? throw new PhaseException($"{c.Phase} needs the cluster API, and this run has no connection to it");
        try
        {
            return new ApiWriter(await cluster.GetAsync(ct), c);
        }
        catch (HttpRequestException e)
        {
            throw new PhaseException($"cannot reach the API server: {e.Message}", "is the control plane up? `kiln init phase wait-control-plane` waits for it", e);
        }
    }

    /// <summary>A phase that runs only on a live node, needing <paramref name="needs"/> (and the node's files).</summary>
    public static PhaseDefinition Define(string id, string summary, Capabilities needs, Func<PhaseContext, CancellationToken, Task> run) =>
        new(PhaseId.Parse(id), summary, run) { Needs = Capabilities.Files | needs };
}
