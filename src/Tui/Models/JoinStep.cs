namespace Kiln.Tui.Models;

/// <summary>The join screens, in order.</summary>
public enum JoinStep
{
    Discovery,
    Node,
    Review,
}
