using System.Security.Cryptography;

namespace Kiln.ImageBuilder.Containers;

/// <summary>Scans a raw disk in fixed-size clusters to find which hold data, so writers skip zeros and stay sparse.</summary>
public static class Clusters
{
    const int Chunk = 1 << 20;

    public static bool[] NonZero(Stream raw, int clusterSize) => Scan(raw, clusterSize);

    /// <summary>One pass over a raw disk in 1 MiB reads: which clusters hold data; every byte also goes into the hashes.</summary>
    public static bool[] Scan(Stream raw, int clusterSize, params IncrementalHash[] hashes)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var count = (int)((raw.Length + clusterSize - 1) / clusterSize);
        var map = new bool[count];
        var buffer = new byte[Math.Max(Chunk, clusterSize)];
        raw.Position = 0;
        long at = 0;
        while (Read(raw, buffer) is var n and > 0)
        {
            foreach (var hash in hashes)
            {
                hash.AppendData(buffer, 0, n);
            }

            for (var off = 0; off < n; off += clusterSize)
            {
                var cluster = (int)((at + off) / clusterSize);
                map[cluster] |= buffer.AsSpan(off, Math.Min(clusterSize, n - off)).ContainsAnyExcept((byte)0);
            }

            at += n;
        }

        return map;
    }

    /// <summary>The sha256 of a file, read in 1 MiB chunks (disk images are large and mostly holes).</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[Chunk];
        while (Read(stream, buffer) is var n and > 0)
        {
            hash.AppendData(buffer, 0, n);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Reads up to a buffer's length; short only at the end of the stream.</summary>
    public static int Read(Stream stream, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>Copies only the clusters a <see cref="Scan"/> found data in (the target must be zeros elsewhere).</summary>
    public static void CopyClusters(Stream source, Stream target, bool[] used, int clusterSize)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(used);
        var buffer = new byte[clusterSize];
        for (var i = 0; i < used.Length; i++)
        {
            if (!used[i])
            {
                continue;
            }

            source.Position = (long)i * clusterSize;
            var n = Read(source, buffer);
            target.Position = (long)i * clusterSize;
            target.Write(buffer, 0, n);
        }
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> at an offset, seeking over all-zero blocks (the target must be zeros there).</summary>
    public static void CopySparse(Stream source, Stream target, long targetOffset)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var buffer = new byte[Chunk];
        long at = 0;
        source.Position = 0;
        while (Read(source, buffer) is var n and > 0)
        {
            if (buffer.AsSpan(0, n).ContainsAnyExcept((byte)0))
            {
                target.Position = targetOffset + at;
                target.Write(buffer, 0, n);
            }

            at += n;
        }
    }
}
