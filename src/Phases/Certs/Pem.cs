using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace Kiln.Phases.Certs;

/// <summary>PEM in the formats kubeadm writes: CERTIFICATE, RSA PRIVATE KEY (PKCS#1), EC PRIVATE KEY (SEC1), PUBLIC KEY.</summary>
public static class Pem
{
    /// <summary>A certificate as PEM.</summary>
    public static byte[] Encode(X509Certificate certificate) => Write(certificate);

    /// <summary>A private key as PKCS#1 (RSA) or SEC1 (EC) PEM.</summary>
    public static byte[] EncodePrivateKey(AsymmetricKeyParameter privateKey) => Write(privateKey);

    /// <summary>A public key as PKIX <c>PUBLIC KEY</c> PEM.</summary>
    public static byte[] EncodePublicKey(AsymmetricKeyParameter publicKey) => Write(publicKey);

    /// <summary>A CSR as <c>CERTIFICATE REQUEST</c> PEM.</summary>
    public static byte[] Encode(Pkcs10CertificationRequest request) => Write(request);

    static byte[] Write(object value)
    {
        using var text = new StringWriter();
        var writer = new PemWriter(text);
        writer.WriteObject(value);
        writer.Writer.Flush();
        return Encoding.ASCII.GetBytes(text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    /// <summary>Reads the first certificate of a PEM file.</summary>
    /// <exception cref="PemFormatException">The file holds no readable certificate.</exception>
    public static X509Certificate DecodeCertificate(byte[] pem, string file) =>
        Read(pem, file) as X509Certificate ?? throw new PemFormatException($"{file} holds no PEM certificate");

    /// <summary>Reads a private key (PKCS#1, SEC1 or PKCS#8) and returns the pair.</summary>
    /// <exception cref="PemFormatException">The file holds no readable private key.</exception>
    public static AsymmetricCipherKeyPair DecodePrivateKey(byte[] pem, string file) => Read(pem, file) switch
    {
        AsymmetricCipherKeyPair pair => pair,
        RsaPrivateCrtKeyParameters rsa => new AsymmetricCipherKeyPair(new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent), rsa),
        ECPrivateKeyParameters ec => new AsymmetricCipherKeyPair(
            new ECPublicKeyParameters(ec.Parameters.G.Multiply(ec.D).Normalize(), ec.Parameters), ec),
        _ => throw new PemFormatException($"{file} holds no PEM private key"),
    };

    /// <summary>Reads a PKIX public key.</summary>
    /// <exception cref="PemFormatException">The file holds no readable public key.</exception>
    public static AsymmetricKeyParameter DecodePublicKey(byte[] pem, string file) =>
        Read(pem, file) is AsymmetricKeyParameter { IsPrivate: false } key ? key : throw new PemFormatException($"{file} holds no PEM public key");

    static object? Read(byte[] pem, string file)
    {
        try
        {
            using var reader = new StringReader(Encoding.ASCII.GetString(pem));
            return new PemReader(reader).ReadObject();
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException
            or Org.BouncyCastle.Security.SecurityUtilityException or Org.BouncyCastle.Asn1.Asn1Exception or FormatException)
        {
            // the inner exception may quote key material: keep only its type
#pragma warning disable MA0054 // deliberate, see above
            throw new PemFormatException($"{file} is not valid PEM ({e.GetType().Name})");
#pragma warning restore MA0054
        }
    }
}
