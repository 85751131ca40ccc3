namespace Kiln.Phases.Sessions;

/// <summary>Kinds of <see cref="SessionError"/>.</summary>
public enum SessionErrorKind
{
    /// <summary>A phase name the workflow does not have.</summary>
    UnknownPhase,

    /// <summary>No valid TLS bootstrap token.</summary>
    NoTlsBootstrapToken,

    /// <summary>Token discovery without its endpoint or token.</summary>
    IncompleteTokenDiscovery,

    /// <summary>No discovery method at all.</summary>
    NoDiscovery,
}
