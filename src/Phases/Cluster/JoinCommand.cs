namespace Kiln.Phases.Cluster;

/// <summary>What a node needs to join: the endpoint, the token, the CA pin, and for a control plane the certificate key.</summary>
/// <param name="Endpoint">The control plane, host:port.</param>
/// <param name="Token">The bootstrap token; a secret.</param>
/// <param name="CaPin">The CA pin, <c>sha256:hex</c>.</param>
/// <param name="CertificateKey">For a control-plane join, the key that opens kubeadm-certs; a secret. Null for a worker.</param>
public sealed record JoinCommand(string Endpoint, string Token, string CaPin, string? CertificateKey = null)
{
    /// <summary>Whether this joins a control-plane node.</summary>
    public bool ControlPlane => CertificateKey is not null;

    /// <summary>Prints without the secrets.</summary>
    public override string ToString() => $"join {Endpoint} (CA {CaPin}){(ControlPlane ? " as a control plane" : "")}";
}
