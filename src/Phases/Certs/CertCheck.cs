using System.Net;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace Kiln.Phases.Certs;

/// <summary>Whether an existing certificate can be reused (cmd/kubeadm/app/phases/certs/certs.go); each mismatch says what differs.</summary>
public static class CertCheck
{
    /// <summary>Every reason the certificate cannot be used as the spec's certificate; empty when it can.</summary>
    public static IReadOnlyList<string> Mismatches(X509Certificate cert, AsymmetricKeyParameter? publicKeyOfKeyFile, X509Certificate? ca,
        SubjectAltNames required, bool mustBeCa, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cert);
        ArgumentNullException.ThrowIfNull(required);
        var problems = new List<string>();
        if (publicKeyOfKeyFile is not null && !publicKeyOfKeyFile.Equals(cert.GetPublicKey()))
        {
            problems.Add("the private key does not belong to the certificate");
        }

        if (ca is not null && !SignedBy(cert, ca))
        {
            problems.Add($"not signed by the expected CA ({ca.SubjectDN}); its issuer is {cert.IssuerDN}");
        }

        if (mustBeCa && cert.GetBasicConstraints() < 0)
        {
            problems.Add("not a CA certificate");
        }

        if (now.UtcDateTime > cert.NotAfter)
        {
            problems.Add($"expired on {cert.NotAfter:yyyy-MM-dd HH:mm} UTC");
        }
        else if (now.UtcDateTime < cert.NotBefore)
        {
            problems.Add($"not valid before {cert.NotBefore:yyyy-MM-dd HH:mm} UTC");
        }

        var present = Sans(cert);
        var missing = new SubjectAltNames(
            required.Dns.Where(d => !present.Dns.Contains(d, StringComparer.OrdinalIgnoreCase)).ToList(),
            required.Ips.Where(i => !present.Ips.Contains(i)).ToList());
        if (missing.Dns.Count + missing.Ips.Count > 0)
        {
            problems.Add($"missing SANs: {missing}");
        }

        return problems;
    }

    /// <summary>The SANs a certificate carries.</summary>
    public static SubjectAltNames Sans(X509Certificate cert)
    {
        ArgumentNullException.ThrowIfNull(cert);
        var dns = new List<string>();
        var ips = new List<IPAddress>();
        foreach (var entry in cert.GetSubjectAlternativeNames() ?? [])
        {
            if (entry is [int tag, string value])
            {
                if (tag == GeneralName.DnsName)
                {
                    dns.Add(value);
                }
                else if (tag == GeneralName.IPAddress && IPAddress.TryParse(value, out var ip))
                {
                    ips.Add(ip);
                }
            }
        }

        return new SubjectAltNames(dns, ips);
    }

    static bool SignedBy(X509Certificate cert, X509Certificate ca)
    {
        if (!cert.IssuerDN.Equivalent(ca.SubjectDN))
        {
            return false;
        }

        try
        {
            cert.Verify(ca.GetPublicKey());
            return true;
        }
        catch (Exception e) when (e is InvalidKeyException or SignatureException or CertificateException)
        {
            return false;
        }
    }
}
