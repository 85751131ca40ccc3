namespace Kiln.Tui.Models;

/// <summary>The wizard's steps, in order.</summary>
public enum WizardStep
{
    Node,
    Cluster,
    Certificates,
    Etcd,
    Review,
}
