using System.Security.Cryptography;

namespace Kiln.ImageBuilder.Manifest;

/// <summary>
/// A detached signature of <c>NAME.manifest.json</c>: <c>NAME.manifest.json.sig</c> holds the DER ECDSA P-256 signature
/// (SHA-256) of the manifest's bytes, the format <c>openssl dgst -sha256 -verify pub.pem -signature NAME.manifest.json.sig
/// NAME.manifest.json</c> checks by hand. As the manifest holds every file's hash, a valid signature vouches for the image.
/// </summary>
public static class ManifestSignature
{
    /// <summary>The signature file beside a manifest.</summary>
    public static string PathFor(string manifestPath) => manifestPath + ".sig";

    /// <summary>An ECDSA P-256 key from PEM (a private key to sign with, or a public key to verify); the problem when it is not one.</summary>
    public static (ECDsa? Key, string? Problem) Load(string pem, string file, bool privateKey)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException)
        {
            key.Dispose();
            return (null, $"{file}: not a PEM {(privateKey ? "private" : "public")} key (ECDSA P-256; e.g. openssl ecparam -name prime256v1 -genkey -noout"
                + (privateKey ? "" : " | openssl ec -pubout") + ")");
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            return (null, $"{file}: an ECDSA key of {key.KeySize} bits; the manifest signature uses ECDSA P-256");
        }

        if (privateKey && !HasPrivate(key))
        {
            key.Dispose();
            return (null, $"{file}: a public key; signing needs the private key");
        }

        return (key, null);
    }

    public static byte[] Sign(ECDsa key, byte[] manifest)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public static bool Verify(ECDsa key, byte[] manifest, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            return key.VerifyData(manifest, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    static bool HasPrivate(ECDsa key)
    {
        try
        {
            return key.ExportParameters(includePrivateParameters: true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
