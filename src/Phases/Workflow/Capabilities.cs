namespace Kiln.Phases.Workflow;

/// <summary>
/// What a phase needs from its run, and what a run offers. The planner skips a phase whose needs the run does not
/// offer, and says which need is missing, before anything runs (no phase asks at run time).
/// </summary>
[Flags]
public enum Capabilities
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Writing the node's files under the target root (every run offers it).</summary>
    Files = 1,

    /// <summary>The node's service manager: stop and restart the kubelet.</summary>
    ServiceManager = 2,

    /// <summary>The cluster's API (admin.conf on a control plane, the bootstrap token on a joining node).</summary>
    ClusterApi = 4,

    /// <summary>Probing the node the run is on: its /proc, ports, binaries, the CRI socket, its local endpoints.</summary>
    NodeProbe = 8,

    /// <summary>An image build's staged root (the first-boot unit that runs the rest there).</summary>
    ImageStaging = 16,

    /// <summary>What a run on a live node offers.</summary>
    LiveNode = Files | ServiceManager | ClusterApi | NodeProbe,
}
