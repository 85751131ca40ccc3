namespace Kiln.Phases.Certs;

/// <summary>One certificate of a node's PKI (a CA, a leaf, or a kubeconfig's client certificate) with its validity.</summary>
/// <param name="Path">Node path of the certificate or kubeconfig.</param>
/// <param name="Authority">A CA (<paramref name="Spec"/> set); otherwise <paramref name="Entry"/> is.</param>
/// <param name="NotBefore">Start of validity (kubeadm backdates it by <see cref="CertificateFactory.Backdate"/>).</param>
/// <param name="NotAfter">Expiry.</param>
/// <param name="Spec">The CA's spec.</param>
/// <param name="Entry">The leaf's or kubeconfig's entry.</param>
public sealed record NodeCertificate(string Path, bool Authority, DateTimeOffset NotBefore, DateTimeOffset NotAfter, CertSpec? Spec, CertEntry? Entry)
{
    /// <summary>The validity it was made with (certificateValidityPeriod or caCertificateValidityPeriod).</summary>
    public TimeSpan Lifetime => NotAfter - NotBefore - CertificateFactory.Backdate;
}
