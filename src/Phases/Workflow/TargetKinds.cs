namespace Kiln.Phases.Workflow;

/// <summary>Where a phase can run: on a live node, into an image's staged root, or both.</summary>
[Flags]
public enum TargetKinds
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>A node being installed, with a kubelet and (for some phases) a cluster API.</summary>
    LiveNode = 1,

    /// <summary>A staged root packed into a disk image; nothing runs there until first boot.</summary>
    Image = 2,

    /// <summary>Both.</summary>
    All = LiveNode | Image,
}
