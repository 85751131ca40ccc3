using System.Security.Cryptography;
using Org.BouncyCastle.X509;

namespace Kiln.Phases.Tokens;

/// <summary>The CA pin of <c>--discovery-token-ca-cert-hash</c>: <c>sha256:</c> + hex SHA-256 of the CA's SubjectPublicKeyInfo (cmd/kubeadm/app/util/pubkeypin/pubkeypin.go).</summary>
public static class CaPin
{
    /// <summary>The pin of a CA certificate.</summary>
    public static string Of(X509Certificate ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(ca.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded()));
    }

    /// <summary>The pin of a PEM CA certificate; <paramref name="file"/> names it in errors.</summary>
    public static string OfPem(byte[] pem, string file) => Of(Certs.Pem.DecodeCertificate(pem, file));
}
