using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Pkcs;

namespace Kiln.Phases.Certs;

/// <summary>PKCS#10 requests with a certificate's subject and SANs, for signing by an external CA (cmd/kubeadm/app/phases/certs/certs.go).</summary>
public static class CsrFactory
{
    /// <summary>A signed CSR for the subject, carrying the SANs as a requested extension.</summary>
    public static Pkcs10CertificationRequest Create(string commonName, IReadOnlyList<string> organizations, SubjectAltNames sans, AsymmetricCipherKeyPair keys)
    {
        ArgumentNullException.ThrowIfNull(sans);
        ArgumentNullException.ThrowIfNull(keys);
        var names = sans.Dns.Select(d => new GeneralName(GeneralName.DnsName, d))
            .Concat(sans.Ips.Select(ip => new GeneralName(GeneralName.IPAddress, new DerOctetString(ip.GetAddressBytes()))))
            .ToArray();
        DerSet? attributes = null;
        if (names.Length > 0)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(X509Extensions.SubjectAlternativeName, false, new GeneralNames(names));
            attributes = new DerSet(new AttributePkcs(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest, new DerSet(extensions.Generate())));
        }

        var signer = new Asn1SignatureFactory(KeyAlgorithm.SignatureFor(keys.Private), keys.Private);
        return new Pkcs10CertificationRequest(signer, CertificateFactory.Subject(commonName, organizations), keys.Public, attributes);
    }
}
