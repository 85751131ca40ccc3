namespace Kiln.Phases.Certs;

/// <summary>Which extended key usages a leaf certificate gets.</summary>
[Flags]
public enum CertUsage
{
    /// <summary>None (CAs).</summary>
    None = 0,

    /// <summary>TLS server.</summary>
    Server = 1,

    /// <summary>TLS client.</summary>
    Client = 2,
}
