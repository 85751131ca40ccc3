using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Kiln.ImageBuilder.Disk;

/// <summary>Reads a GPT back, checking the protective MBR, both headers and both entry arrays; every problem is named.</summary>
public static class GptReader
{
    public static (Gpt? Table, IReadOnlyList<string> Problems) Read(Stream disk)
    {
        ArgumentNullException.ThrowIfNull(disk);
        var problems = new List<string>();
        var sectors = disk.Length / Gpt.SectorSize;
        var mbr = ReadAt(disk, 0, Gpt.SectorSize);
        if (mbr[510] != 0x55 || mbr[511] != 0xAA || mbr[446 + 4] != 0xEE)
        {
            problems.Add("protective MBR: missing (no 0x55AA signature or no 0xEE partition)");
        }

        var primary = Header(disk, 1, sectors, "primary GPT header", problems);
        var backup = Header(disk, sectors - 1, sectors, "backup GPT header", problems);
        var header = primary ?? backup;
        if (header is null)
        {
            return (null, problems);
        }

        if (primary is not null && backup is not null && (primary.Value.DiskId != backup.Value.DiskId || primary.Value.EntriesCrc != backup.Value.EntriesCrc))
        {
            problems.Add("backup GPT header: does not match the primary header");
        }

        var h = header.Value;
        var entries = ReadAt(disk, h.EntriesLba * Gpt.SectorSize, h.Count * h.EntrySize);
        var partitions = new List<GptPartition>();
        for (var i = 0; i < h.Count; i++)
        {
            var e = entries.AsSpan(i * h.EntrySize, h.EntrySize);
            var type = new Guid(e[..16]);
            if (type == Guid.Empty)
            {
                continue;
            }

            var name = Encoding.Unicode.GetString(e.Slice(56, 72)).TrimEnd('\0');
            partitions.Add(new GptPartition(type, new Guid(e.Slice(16, 16)), BinaryPrimitives.ReadInt64LittleEndian(e[32..]),
                BinaryPrimitives.ReadInt64LittleEndian(e[40..]), name));
        }

        return (new Gpt(h.DiskId, sectors, partitions), problems);
    }

    [StructLayout(LayoutKind.Auto)]
    readonly record struct HeaderFields(Guid DiskId, long EntriesLba, int Count, int EntrySize, uint EntriesCrc);

    static HeaderFields? Header(Stream disk, long lba, long sectors, string what, List<string> problems)
    {
        if (lba < 1 || lba >= sectors)
        {
            problems.Add($"{what}: outside the disk");
            return null;
        }

        var h = ReadAt(disk, lba * Gpt.SectorSize, Gpt.SectorSize);
        if (!string.Equals(Encoding.ASCII.GetString(h, 0, 8), "EFI PART", StringComparison.Ordinal))
        {
            problems.Add($"{what}: no 'EFI PART' signature at LBA {lba}");
            return null;
        }

        var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(12));
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(16));
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), 0);
        if (size is < 92 or > Gpt.SectorSize || Crc32.Compute(h.AsSpan(0, size)) != crc)
        {
            problems.Add($"{what}: CRC32 mismatch at LBA {lba}");
            return null;
        }

        var fields = new HeaderFields(new Guid(h.AsSpan(56, 16)), BinaryPrimitives.ReadInt64LittleEndian(h.AsSpan(72)),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(80)), (int)BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(84)),
            BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(88)));
        if (fields.Count is < 1 or > 1024 || fields.EntrySize is < 128 or > 1024 || fields.EntriesLba < 1 || fields.EntriesLba >= sectors)
        {
            problems.Add($"{what}: implausible entry array");
            return null;
        }

        var entries = ReadAt(disk, fields.EntriesLba * Gpt.SectorSize, fields.Count * fields.EntrySize);
        if (Crc32.Compute(entries) != fields.EntriesCrc)
        {
            problems.Add($"{what}: partition entries CRC32 mismatch");
        }

        return fields;
    }

    static byte[] ReadAt(Stream disk, long offset, int count)
    {
        var buffer = new byte[count];
        disk.Position = offset;
        disk.ReadExactly(buffer);
        return buffer;
    }
}
