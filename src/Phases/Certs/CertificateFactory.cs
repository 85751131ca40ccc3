using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Kiln.Phases.Certs;

/// <summary>Signs certificates with kubeadm's profile (cmd/kubeadm/app/util/pkiutil): random serials, a 5-minute backdate, its key usages.</summary>
public static class CertificateFactory
{
    /// <summary>kubeadm's <c>CertificateBackdate</c>.</summary>
    public static TimeSpan Backdate { get; } = TimeSpan.FromMinutes(5);

    /// <summary>A self-signed CA.</summary>
    public static X509Certificate CreateCa(string commonName, SubjectAltNames sans, AsymmetricCipherKeyPair keys, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var name = Subject(commonName, []);
        var generator = Start(name, name, keys.Public, now, validity);
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment | KeyUsage.KeyCertSign));
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, KeyIdentifier(keys.Public));
        AddSans(generator, sans);
        return generator.Generate(new Asn1SignatureFactory(KeyAlgorithm.SignatureFor(keys.Private), keys.Private, new SecureRandom()));
    }

    /// <summary>A leaf signed by a CA.</summary>
    public static X509Certificate CreateSigned(CertAndKey ca, string commonName, IReadOnlyList<string> organizations, CertUsage usage,
        SubjectAltNames sans, AsymmetricKeyParameter publicKey, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(ca);
        var generator = Start(ca.Certificate.SubjectDN, Subject(commonName, organizations), publicKey, now, validity);
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment));
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        var purposes = new List<KeyPurposeID>();
        if (usage.HasFlag(CertUsage.Server))
        {
            purposes.Add(KeyPurposeID.id_kp_serverAuth);
        }

        if (usage.HasFlag(CertUsage.Client))
        {
            purposes.Add(KeyPurposeID.id_kp_clientAuth);
        }

        generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage(purposes));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(AuthorityKeyId(ca.Certificate)));
        AddSans(generator, sans);
        return generator.Generate(new Asn1SignatureFactory(KeyAlgorithm.SignatureFor(ca.Keys.Private), ca.Keys.Private, new SecureRandom()));
    }

    /// <summary>The subject key identifier Go computes: SHA-1 of the public key bits.</summary>
    public static SubjectKeyIdentifier KeyIdentifier(AsymmetricKeyParameter publicKey)
    {
        // RFC 5280 method 1, as Go does it: SHA-1 over the subjectPublicKey bits (an identifier, not a security hash)
        var bits = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).PublicKey.GetBytes();
        var digest = new Org.BouncyCastle.Crypto.Digests.Sha1Digest();
        digest.BlockUpdate(bits, 0, bits.Length);
        var id = new byte[digest.GetDigestSize()];
        digest.DoFinal(id, 0);
        return new SubjectKeyIdentifier(id);
    }

    // the CA's own SKI when it has one (a user-provided CA may compute it differently), else the computed one
    static byte[] AuthorityKeyId(X509Certificate ca) =>
        X509ExtensionUtilities.FromExtensionValue(ca, X509Extensions.SubjectKeyIdentifier) is { } ski
            ? SubjectKeyIdentifier.GetInstance(ski).GetKeyIdentifier()
            : KeyIdentifier(ca.GetPublicKey()).GetKeyIdentifier();

    /// <summary>The subject as Go orders it: O before CN.</summary>
    public static X509Name Subject(string commonName, IReadOnlyList<string> organizations)
    {
        var oids = organizations.Select(_ => X509Name.O).Append(X509Name.CN).ToList();
        var values = organizations.Append(commonName).ToList();
        return new X509Name(oids, values);
    }

    static X509V3CertificateGenerator Start(X509Name issuer, X509Name subject, AsymmetricKeyParameter publicKey, DateTimeOffset now, TimeSpan validity)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(RandomSerial());
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        // cmd/kubeadm/app/phases/certs/certlist.go (GetConfig): NotBefore is the start time minus the backdate, NotAfter the
        // start time plus the validity, so a certificate lives validity + 5 minutes and expires exactly `validity` after it was made
        generator.SetNotBefore(now.UtcDateTime - Backdate);
        generator.SetNotAfter(now.UtcDateTime + validity);
        generator.SetPublicKey(publicKey);
        return generator;
    }

    static void AddSans(X509V3CertificateGenerator generator, SubjectAltNames sans)
    {
        var names = sans.Dns.Select(d => new GeneralName(GeneralName.DnsName, d))
            .Concat(sans.Ips.Select(ip => new GeneralName(GeneralName.IPAddress, new DerOctetString(ip.GetAddressBytes()))))
            .ToArray();
        if (names.Length > 0)
        {
            generator.AddExtension(X509Extensions.SubjectAlternativeName, false, new GeneralNames(names));
        }
    }

    /// <summary>A random serial with 1 ≤ serial &lt; 2^63 − 1, from a CSPRNG.</summary>
    static BigInteger RandomSerial()
    {
        var max = BigInteger.One.ShiftLeft(63).Subtract(BigInteger.One);
        BigInteger serial;
        do
        {
            serial = new BigInteger(63, new SecureRandom());
        }
        while (serial.SignValue <= 0 || serial.CompareTo(max) >= 0);
        return serial;
    }
}
