namespace Kiln.ImageBuilder.Containers;

/// <summary>Scans a raw disk in fixed-size clusters to find which hold data, so writers skip zeros and stay sparse.</summary>
public static class Clusters
{
    public static bool[] NonZero(Stream raw, int clusterSize)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var count = (int)((raw.Length + clusterSize - 1) / clusterSize);
        var map = new bool[count];
        var buffer = new byte[clusterSize];
        raw.Position = 0;
        for (var i = 0; i < count; i++)
        {
            var n = Read(raw, buffer);
            map[i] = buffer.AsSpan(0, n).ContainsAnyExcept((byte)0);
        }

        return map;
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

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> at an offset, seeking over all-zero blocks (the target must be zeros there).</summary>
    public static void CopySparse(Stream source, Stream target, long targetOffset)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var buffer = new byte[1 << 16];
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
