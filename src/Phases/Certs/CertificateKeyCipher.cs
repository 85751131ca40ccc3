using System.Security.Cryptography;

namespace Kiln.Phases.Certs;

/// <summary>
/// The cipher of the <c>kubeadm-certs</c> Secret (cmd/kubeadm/app/phases/copycerts/copycerts.go): AES-256-GCM with the hex-decoded certificate key;
/// a value is 12-byte nonce ‖ ciphertext ‖ 16-byte tag.
/// </summary>
public static class CertificateKeyCipher
{
    const int NonceSize = 12;
    const int TagSize = 16;

    /// <summary>Encrypts with a fresh random nonce.</summary>
    public static byte[] Seal(string hexKey, ReadOnlySpan<byte> plaintext) => Seal(hexKey, plaintext, RandomNumberGenerator.GetBytes(NonceSize));

    /// <summary>Encrypts with a given nonce (fixed vectors in tests; never reuse a nonce for real).</summary>
    public static byte[] Seal(string hexKey, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> nonce)
    {
        using var aes = new AesGcm(Key(hexKey), TagSize);
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        nonce.CopyTo(output);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length));
        return output;
    }

    /// <summary>Decrypts; a wrong key or tampered data throws <see cref="AuthenticationTagMismatchException"/>.</summary>
    public static byte[] Open(string hexKey, ReadOnlySpan<byte> sealedData)
    {
        if (sealedData.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("the sealed value is too short");
        }

        using var aes = new AesGcm(Key(hexKey), TagSize);
        var plaintext = new byte[sealedData.Length - NonceSize - TagSize];
        aes.Decrypt(sealedData[..NonceSize], sealedData[NonceSize..^TagSize], sealedData[^TagSize..], plaintext);
        return plaintext;
    }

    static byte[] Key(string hexKey)
    {
        ArgumentNullException.ThrowIfNull(hexKey);
        var key = hexKey.Length == 64 ? Convert.FromHexString(hexKey) : throw new ArgumentException("the certificate key must be 64 hex characters (32 bytes)", nameof(hexKey));
        return key;
    }
}
