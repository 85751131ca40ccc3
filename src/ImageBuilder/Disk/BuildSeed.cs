using System.Security.Cryptography;
using System.Text;

namespace Kiln.ImageBuilder.Disk;

/// <summary>
/// The 32-byte seed every identifier of an image is derived from (HMAC-SHA256 of the seed and a purpose, as
/// systemd-repart does), so the same state and recipe give the same disk, partition and filesystem UUIDs.
/// </summary>
public sealed class BuildSeed(byte[] value)
{
    public byte[] Value { get; } = value.Length == 32 ? value : throw new ArgumentException("a build seed is 32 bytes", nameof(value));

    public string Hex => Convert.ToHexStringLower(Value);

    /// <summary>A random-looking but reproducible version-4 UUID for a purpose (<c>disk</c>, <c>partition:root</c>, ...).</summary>
    public Guid Derive(string purpose)
    {
        var mac = HMACSHA256.HashData(Value, Encoding.UTF8.GetBytes(purpose));
        // RFC 9562 version and variant bits, so tools that check them see a well-formed random UUID
        mac[7] = (byte)((mac[7] & 0x0F) | 0x40);
        mac[8] = (byte)((mac[8] & 0x3F) | 0x80);
        return new Guid(mac.AsSpan(0, 16));
    }
}
