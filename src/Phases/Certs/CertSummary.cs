using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace Kiln.Phases.Certs;

/// <summary>A secret-free, one-line description of a certificate, for dry runs, events and snapshots.</summary>
public static class CertSummary
{
    /// <summary>Subject, issuer, SANs, usages, validity and key type; never key material or serials.</summary>
    public static string Describe(X509Certificate cert)
    {
        ArgumentNullException.ThrowIfNull(cert);
        var eku = cert.GetExtendedKeyUsage()?.Select(o => o.Id switch
        {
            "1.3.6.1.5.5.7.3.1" => "serverAuth",
            "1.3.6.1.5.5.7.3.2" => "clientAuth",
            var id => id,
        }).ToList() ?? [];
        var usages = Usages(cert.GetKeyUsage()).Concat(eku);
        var sans = CertCheck.Sans(cert).ToString();
        return $"subject {cert.SubjectDN}, issuer {cert.IssuerDN}" + (sans.Length > 0 ? $", SANs [{sans}]" : "")
            + $", usages [{string.Join(", ", usages)}]{(cert.GetBasicConstraints() >= 0 ? ", CA" : "")}"
            + $", valid {cert.NotBefore:yyyy-MM-ddTHH:mm:ssZ} to {cert.NotAfter:yyyy-MM-ddTHH:mm:ssZ}, key {KeyType(cert)}";
    }

    static IEnumerable<string> Usages(bool[]? bits)
    {
        string[] names = ["digitalSignature", "contentCommitment", "keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign"];
        for (var i = 0; bits is not null && i < Math.Min(bits.Length, names.Length); i++)
        {
            if (bits[i])
            {
                yield return names[i];
            }
        }
    }

    static string KeyType(X509Certificate cert) => cert.GetPublicKey() switch
    {
        RsaKeyParameters rsa => $"RSA-{rsa.Modulus.BitLength}",
        ECPublicKeyParameters ec => $"ECDSA-P{ec.Parameters.Curve.FieldSize}",
        _ => "unknown",
    };
}
