using Kiln.Phases.Config;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.Targets;

namespace Kiln.Phases.Certs;

/// <summary>
/// Every certificate a node root holds (CAs, leaves, kubeconfigs; kubelet.conf too, which a node boots with), and their
/// renewal "in kind": each keeps its own lifetime and key type, so a root made with any config renews without it.
/// </summary>
public static class NodeCertificates
{
    /// <summary>The certificates present in <paramref name="root"/>, CAs first.</summary>
    public static IReadOnlyList<NodeCertificate> List(ITargetRoot root, PkiInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(inputs);
        var found = new List<NodeCertificate>();
        foreach (var ca in CertInventory.Authorities(inputs).Where(a => root.Exists(a.CertPath(inputs))))
        {
            var cert = Pem.DecodeCertificate(root.ReadAllBytes(ca.CertPath(inputs)), root.Describe(ca.CertPath(inputs)));
            found.Add(new NodeCertificate(ca.CertPath(inputs), true, Utc(cert.NotBefore), Utc(cert.NotAfter), ca, null));
        }

        var kubelet = KubeConfigSpecs.All.Single(k => string.Equals(k.Name, "kubelet", StringComparison.Ordinal));
        foreach (var entry in CertInventory.Leaves(inputs).Append(new CertEntry(kubelet.FileName, kubelet.Path, CertSpecs.Ca, null, kubelet)))
        {
            if (CertInventory.Read(root, entry) is { } cert)
            {
                found.Add(new NodeCertificate(entry.Path, false, Utc(cert.NotBefore), Utc(cert.NotAfter), null, entry));
            }
        }

        return found;
    }

    /// <summary>Renews one certificate with its own lifetime and key type (a CA with its own key); a message for the user, or null when renewed.</summary>
    public static Task<string?> RenewInKindAsync(ITargetRoot root, PkiInputs inputs, NodeCertificate certificate, KeyPool keys, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.Authority)
        {
            return CertRenewal.RenewAuthorityAsync(root, inputs, certificate.Spec!, now, certificate.Lifetime, cancellationToken);
        }

        var cert = CertInventory.Read(root, certificate.Entry!)!;
        var own = inputs with
        {
            Cluster = inputs.Cluster with
            {
                CertificateValidityPeriod = new GoDuration(certificate.Lifetime),
                EncryptionAlgorithm = KeyAlgorithm.Of(cert.GetPublicKey())?.Name ?? inputs.Cluster.EncryptionAlgorithm,
            },
        };
        return CertRenewal.RenewAsync(root, own, certificate.Entry!, keys, now, cancellationToken);
    }

    static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

}
