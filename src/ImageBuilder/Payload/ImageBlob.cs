using System.Security.Cryptography;

namespace Kiln.ImageBuilder.Payload;

/// <summary>A content-addressed blob of an image: its digest, size and the file that holds it.</summary>
public sealed record ImageBlob(string Digest, long Size, string File)
{
    public static string DigestOf(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static string DigestOfFile(string file)
    {
        using var stream = System.IO.File.OpenRead(file);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
