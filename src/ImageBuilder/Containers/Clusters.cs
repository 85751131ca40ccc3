using System.Security.Cryptography;

namespace Kiln.ImageBuilder.Containers;

/// <summary>Scans a raw disk in fixed-size clusters to find which hold data, so writers skip zeros and stay sparse.</summary>
public static class Clusters
{
    const int Chunk = 1 << 20;

    /// <summary>Which clusters of a raw disk hold data: only the file's data extents are read; holes are zeros.</summary>
    public static bool[] NonZero(Stream raw, int clusterSize)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var map = new bool[(int)((raw.Length + clusterSize - 1) / clusterSize)];
        var buffer = new byte[Math.Max(Chunk, clusterSize)];
        void Mark(ReadOnlySpan<byte> chunk, long at)
        {
            // a chunk may start or end inside a cluster: mark each cluster-aligned piece
            for (var off = 0; off < chunk.Length;)
            {
                var cluster = (at + off) / clusterSize;
                var piece = (int)Math.Min(chunk.Length - off, ((cluster + 1) * clusterSize) - (at + off));
                map[cluster] |= chunk.Slice(off, piece).ContainsAnyExcept((byte)0);
                off += piece;
            }
        }

        if (raw is FileStream file)
        {
            foreach (var (start, end) in FileExtents.Data(file.SafeFileHandle))
            {
                for (var at = start; at < end;)
                {
                    var n = RandomAccess.Read(file.SafeFileHandle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
                    if (n == 0)
                    {
                        break;
                    }

                    Mark(buffer.AsSpan(0, n), at);
                    at += n;
                }
            }

            return map;
        }

        raw.Position = 0;
        for (long at = 0; Read(raw, buffer) is var n and > 0; at += n)
        {
            Mark(buffer.AsSpan(0, n), at);
        }

        return map;
    }

    /// <summary>
    /// The sha256 of a file (holes hashed as zeros without being read), and in the same pass the sha256 of the file followed
    /// by <paramref name="suffix"/> (a fixed VHD is the raw disk plus its footer).
    /// </summary>
    public static (string File, string? WithSuffix) Sha256(string path, byte[]? suffix = null)
    {
        using var file = File.OpenHandle(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var suffixed = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        FileExtents.ReadAll(file, new byte[Chunk], chunk =>
        {
            hash.AppendData(chunk);
            if (suffix is not null)
            {
                suffixed.AppendData(chunk);
            }
        });
        suffixed.AppendData(suffix ?? []);
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), suffix is null ? null : Convert.ToHexStringLower(suffixed.GetHashAndReset()));
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

    /// <summary>Copies only the clusters <see cref="NonZero"/> found data in (the target must be zeros elsewhere).</summary>
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
