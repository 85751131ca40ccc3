namespace Kiln.Phases.Workflow;

/// <summary>What a run writes for: a node (this one, or another under a root), or an image's staged root. With the live node it decides what the run offers (<see cref="PhaseContext.Offers"/>).</summary>
public enum TargetKinds
{
    /// <summary>A node being installed.</summary>
    LiveNode = 1,

    /// <summary>A staged root packed into a disk image; nothing runs there until first boot.</summary>
    Image = 2,
}
