using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Kiln.Phases.Certs;

/// <summary>One of kubeadm's <c>encryptionAlgorithm</c> values: the key type of every key Kiln makes.</summary>
public sealed record KeyAlgorithm
{
    KeyAlgorithm(string name, int rsaBits, string? curve, string signature)
    {
        Name = name;
        RsaBits = rsaBits;
        Curve = curve;
        SignatureAlgorithm = signature;
    }

    /// <summary>The config value, e.g. <c>RSA-2048</c>.</summary>
    public string Name { get; }

    /// <summary>RSA modulus size; 0 for ECDSA.</summary>
    public int RsaBits { get; }

    /// <summary>SEC curve name for ECDSA; null for RSA.</summary>
    public string? Curve { get; }

    /// <summary>The signature algorithm certificates signed with this key use.</summary>
    public string SignatureAlgorithm { get; }

    /// <summary>The algorithms kubeadm knows.</summary>
    public static IReadOnlyList<KeyAlgorithm> All { get; } =
    [
        new("RSA-2048", 2048, null, "SHA256WITHRSA"),
        new("RSA-3072", 3072, null, "SHA256WITHRSA"),
        new("RSA-4096", 4096, null, "SHA256WITHRSA"),
        new("ECDSA-P256", 0, "secp256r1", "SHA256WITHECDSA"),
        new("ECDSA-P384", 0, "secp384r1", "SHA384WITHECDSA"),
    ];

    /// <summary>The algorithm for a validated config value (default RSA-2048).</summary>
    public static KeyAlgorithm Parse(string? name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name ?? "RSA-2048", StringComparison.Ordinal))
            ?? throw new ArgumentOutOfRangeException(nameof(name), name, $"one of {string.Join(", ", All.Select(a => a.Name))}");

    /// <summary>The algorithm of an existing key (a renewal keeps the key type it finds); null for one kubeadm cannot make.</summary>
    public static KeyAlgorithm? Of(AsymmetricKeyParameter key) => key switch
    {
        RsaKeyParameters rsa => All.FirstOrDefault(a => a.RsaBits == rsa.Modulus.BitLength),
        ECKeyParameters ec => All.FirstOrDefault(a => a.Curve is not null && ec.Parameters.Curve.FieldSize == (string.Equals(a.Curve, "secp256r1", StringComparison.Ordinal) ? 256 : 384)),
        _ => null,
    };

    /// <summary>The signature algorithm for certificates signed by this key pair's private key.</summary>
    public static string SignatureFor(AsymmetricKeyParameter privateKey) => privateKey switch
    {
        ECPrivateKeyParameters ec when ec.Parameters.Curve.FieldSize > 256 => "SHA384WITHECDSA",
        ECPrivateKeyParameters => "SHA256WITHECDSA",
        _ => "SHA256WITHRSA",
    };

    /// <summary>Generates a key pair from a CSPRNG.</summary>
    public AsymmetricCipherKeyPair Generate(SecureRandom random)
    {
        if (Curve is null)
        {
            // the platform's RSA (OpenSSL underneath) finds primes several times faster than managed code
            using var rsa = System.Security.Cryptography.RSA.Create(RsaBits);
            var p = rsa.ExportParameters(includePrivateParameters: true);
            static BigInteger N(byte[]? b) => new(1, b ?? throw new InvalidOperationException("RSA export is missing a parameter"));
            return new AsymmetricCipherKeyPair(
                new RsaKeyParameters(false, N(p.Modulus), N(p.Exponent)),
                new RsaPrivateCrtKeyParameters(N(p.Modulus), N(p.Exponent), N(p.D), N(p.P), N(p.Q), N(p.DP), N(p.DQ), N(p.InverseQ)));
        }

        var ec = new ECKeyPairGenerator("EC");
        ec.Init(new ECKeyGenerationParameters(SecNamedCurves.GetOid(Curve), random));
        return ec.GenerateKeyPair();
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
