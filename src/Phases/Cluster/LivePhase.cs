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
        return c.Live ?? throw new PhaseException($"{c.Phase} needs a live node and a cluster", "run it without --files-only or --dry-run, on the node");
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

    /// <summary>A phase that runs only on a live node.</summary>
    public static PhaseDefinition Define(string id, string summary, Func<PhaseContext, CancellationToken, Task> run) =>
        new(PhaseId.Parse(id), summary, run) { Targets = TargetKinds.LiveNode };
}
