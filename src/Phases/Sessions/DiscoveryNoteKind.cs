namespace Kiln.Phases.Sessions;

/// <summary>Kinds of <see cref="DiscoveryNote"/>.</summary>
public enum DiscoveryNoteKind
{
    /// <summary>Where discovery is, or why its wait goes on.</summary>
    Progress,

    /// <summary>The cluster CA is trusted without a pin (the user asked for it); the text says what that risks.</summary>
    UnpinnedCa,
}
