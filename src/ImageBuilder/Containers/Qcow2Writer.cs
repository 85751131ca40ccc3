using System.Buffers.Binary;

namespace Kiln.ImageBuilder.Containers;

/// <summary>
/// Writes qcow2 v3 (64 KiB clusters, 16-bit refcounts, no compression, no snapshots) from a raw disk. All-zero clusters are
/// left unallocated; metadata comes first in a fixed order, so the same raw input gives the same bytes.
/// </summary>
public static class Qcow2Writer
{
    const int ClusterBits = 16;
    const int L2Entries = ClusterSize / 8;
    const int RefcountsPerBlock = ClusterSize / 2;
    const ulong Copied = 1UL << 63;

    public const int ClusterSize = 1 << ClusterBits;

    /// <summary>Writes the qcow2; <paramref name="used"/> is the raw disk's map of 64 KiB clusters with data, when already known.</summary>
    public static void Write(Stream raw, Stream qcow2, bool[]? used = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(qcow2);
        used ??= Clusters.NonZero(raw, ClusterSize);
        var l1Size = (used.Length + L2Entries - 1) / L2Entries;
        var l1Clusters = Math.Max(1, (l1Size * 8 + ClusterSize - 1) / ClusterSize);
        var l2Tables = Enumerable.Range(0, l1Size).Where(t => used.AsSpan(t * L2Entries, Math.Min(L2Entries, used.Length - (t * L2Entries))).Contains(true)).ToList();
        var data = used.Count(u => u);

        // the refcount blocks count themselves, so grow them until the total fits
        long refBlocks = 1;
        long refTable = 1;
        long total;
        while (true)
        {
            total = 1 + l1Clusters + refTable + refBlocks + l2Tables.Count + data;
            var needBlocks = (total + RefcountsPerBlock - 1) / RefcountsPerBlock;
            var needTable = Math.Max(1, (needBlocks * 8 + ClusterSize - 1) / ClusterSize);
            if (needBlocks <= refBlocks && needTable <= refTable)
            {
                break;
            }

            refBlocks = needBlocks;
            refTable = needTable;
        }

        long l1At = 1;
        var refTableAt = l1At + l1Clusters;
        var refBlocksAt = refTableAt + refTable;
        var l2At = refBlocksAt + refBlocks;
        var dataAt = l2At + l2Tables.Count;

        qcow2.SetLength(0);
        qcow2.SetLength(total * ClusterSize);
        WriteCluster(qcow2, 0, Header(raw.Length, l1Size, l1At, refTableAt, refTable));

        var l1 = new byte[l1Clusters * ClusterSize];
        for (var i = 0; i < l2Tables.Count; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(l1.AsSpan(l2Tables[i] * 8), (ulong)((l2At + i) * ClusterSize) | Copied);
        }

        WriteAt(qcow2, l1At * ClusterSize, l1);

        var table = new byte[refTable * ClusterSize];
        for (var b = 0; b < refBlocks; b++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(table.AsSpan(b * 8), (ulong)((refBlocksAt + b) * ClusterSize));
        }

        WriteAt(qcow2, refTableAt * ClusterSize, table);
        var refcounts = new byte[refBlocks * ClusterSize];
        for (var c = 0; c < total; c++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(refcounts.AsSpan(c * 2), 1);
        }

        WriteAt(qcow2, refBlocksAt * ClusterSize, refcounts);

        var next = dataAt;
        var buffer = new byte[ClusterSize];
        for (var i = 0; i < l2Tables.Count; i++)
        {
            var l2 = new byte[ClusterSize];
            var first = l2Tables[i] * L2Entries;
            for (var j = 0; j < L2Entries && first + j < used.Length; j++)
            {
                if (!used[first + j])
                {
                    continue;
                }

                raw.Position = (long)(first + j) * ClusterSize;
                Array.Clear(buffer);
                Clusters.Read(raw, buffer);
                WriteCluster(qcow2, next, buffer);
                BinaryPrimitives.WriteUInt64BigEndian(l2.AsSpan(j * 8), (ulong)(next * ClusterSize) | Copied);
                next++;
            }

            WriteCluster(qcow2, l2At + i, l2);
        }
    }

    static byte[] Header(long size, int l1Size, long l1At, long refTableAt, long refTable)
    {
        var h = new byte[ClusterSize];
        var s = h.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(s, 0x514649FB);
        BinaryPrimitives.WriteUInt32BigEndian(s[4..], 3);
        BinaryPrimitives.WriteUInt32BigEndian(s[20..], ClusterBits);
        BinaryPrimitives.WriteInt64BigEndian(s[24..], size);
        BinaryPrimitives.WriteUInt32BigEndian(s[36..], (uint)l1Size);
        BinaryPrimitives.WriteInt64BigEndian(s[40..], l1At * ClusterSize);
        BinaryPrimitives.WriteInt64BigEndian(s[48..], refTableAt * ClusterSize);
        BinaryPrimitives.WriteUInt32BigEndian(s[56..], (uint)refTable);
        BinaryPrimitives.WriteUInt32BigEndian(s[96..], 4);
        BinaryPrimitives.WriteUInt32BigEndian(s[100..], 104);
        return h;
    }

    static void WriteCluster(Stream s, long cluster, byte[] bytes) => WriteAt(s, cluster * ClusterSize, bytes);

    static void WriteAt(Stream s, long offset, byte[] bytes)
    {
        if (!bytes.AsSpan().ContainsAnyExcept((byte)0))
        {
            return;
        }

        s.Position = offset;
        s.Write(bytes);
    }
}
