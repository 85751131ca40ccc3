using System.Buffers.Binary;
using System.Text;

namespace Kiln.ImageBuilder.Disk;

/// <summary>
/// A GUID partition table with its protective MBR and backup header, for 512-byte sectors. <see cref="Write"/> lays it
/// out exactly as the UEFI spec says; <see cref="GptReader.Read"/> checks every CRC and the backup and names what is wrong.
/// </summary>
public sealed record Gpt(Guid DiskId, long Sectors, IReadOnlyList<GptPartition> Partitions)
{
    public const int SectorSize = 512;
    const int Entries = 128;
    const int EntrySize = 128;
    const int EntrySectors = Entries * EntrySize / SectorSize;

    public static long FirstUsable => 2 + EntrySectors;

    public long LastUsable => LastUsableOf(Sectors);

    public static long LastUsableOf(long sectors) => sectors - 2 - EntrySectors;

    /// <summary>Writes the protective MBR, the primary header and entries, and the backup entries and header.</summary>
    public void Write(Stream disk)
    {
        var entries = EntryBytes();
        var entriesCrc = Crc32.Compute(entries);
        var mbr = new byte[SectorSize];
        mbr[446 + 1] = 0x00;
        mbr[446 + 2] = 0x02;
        mbr[446 + 4] = 0xEE;
        mbr[446 + 5] = mbr[446 + 6] = mbr[446 + 7] = 0xFF;
        BinaryPrimitives.WriteUInt32LittleEndian(mbr.AsSpan(446 + 8), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(mbr.AsSpan(446 + 12), (uint)Math.Min(Sectors - 1, uint.MaxValue));
        mbr[510] = 0x55;
        mbr[511] = 0xAA;
        WriteAt(disk, 0, mbr);
        WriteAt(disk, SectorSize, Header(1, Sectors - 1, 2, entriesCrc));
        WriteAt(disk, 2L * SectorSize, entries);
        WriteAt(disk, (Sectors - 1 - EntrySectors) * SectorSize, entries);
        WriteAt(disk, (Sectors - 1) * SectorSize, Header(Sectors - 1, 1, Sectors - 1 - EntrySectors, entriesCrc));
    }

    byte[] Header(long my, long alternate, long entriesLba, uint entriesCrc)
    {
        var h = new byte[SectorSize];
        Encoding.ASCII.GetBytes("EFI PART").CopyTo(h, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(8), 0x00010000);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(12), 92);
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(24), my);
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(32), alternate);
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(40), FirstUsable);
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(48), LastUsable);
        DiskId.TryWriteBytes(h.AsSpan(56, 16));
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(72), entriesLba);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(80), Entries);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(84), EntrySize);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(88), entriesCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), Crc32.Compute(h.AsSpan(0, 92)));
        return h;
    }

    byte[] EntryBytes()
    {
        var bytes = new byte[Entries * EntrySize];
        for (var i = 0; i < Partitions.Count; i++)
        {
            var p = Partitions[i];
            var e = bytes.AsSpan(i * EntrySize, EntrySize);
            p.Type.TryWriteBytes(e[..16]);
            p.Id.TryWriteBytes(e.Slice(16, 16));
            BinaryPrimitives.WriteInt64LittleEndian(e[32..], p.FirstLba);
            BinaryPrimitives.WriteInt64LittleEndian(e[40..], p.LastLba);
            Encoding.Unicode.GetBytes(p.Name).CopyTo(e[56..]);
        }

        return bytes;
    }

    static void WriteAt(Stream disk, long offset, byte[] data)
    {
        disk.Position = offset;
        disk.Write(data);
    }
}
