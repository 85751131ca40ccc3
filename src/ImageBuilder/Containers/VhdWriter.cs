using System.Buffers.Binary;
using System.Text;

namespace Kiln.ImageBuilder.Containers;

/// <summary>Writes a fixed VHD: the raw disk, sparse, followed by the 512-byte footer (VHD spec), with time and id from the build.</summary>
public static class VhdWriter
{
    static readonly DateTimeOffset s_vhdEpoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the VHD with a footer made by <see cref="Footer"/>; <paramref name="used"/> is the raw disk's map of 64 KiB clusters with data, when already known.</summary>
    public static void Write(Stream raw, Stream vhd, byte[] footer, bool[]? used = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(vhd);
        vhd.SetLength(0);
        vhd.SetLength(raw.Length + 512);
        if (used is null)
        {
            Clusters.CopySparse(raw, vhd, 0);
        }
        else
        {
            Clusters.CopyClusters(raw, vhd, used, Qcow2Writer.ClusterSize);
        }

        vhd.Position = raw.Length;
        vhd.Write(footer);
    }

    public static byte[] Footer(long size, DateTimeOffset time, Guid id)
    {
        var f = new byte[512];
        var s = f.AsSpan();
        Encoding.ASCII.GetBytes("conectix").CopyTo(f, 0);
        BinaryPrimitives.WriteUInt32BigEndian(s[8..], 2);
        BinaryPrimitives.WriteUInt32BigEndian(s[12..], 0x00010000);
        BinaryPrimitives.WriteUInt64BigEndian(s[16..], ulong.MaxValue);
        BinaryPrimitives.WriteUInt32BigEndian(s[24..], (uint)Math.Max(0, (time - s_vhdEpoch).TotalSeconds));
        // qemu reads the exact size (not the CHS-rounded one) only from creators it knows; "win " is one (imaging.md B.5)
        Encoding.ASCII.GetBytes("win ").CopyTo(f, 28);
        BinaryPrimitives.WriteUInt32BigEndian(s[32..], 0x000A0000);
        Encoding.ASCII.GetBytes("Wi2k").CopyTo(f, 36);
        BinaryPrimitives.WriteInt64BigEndian(s[40..], size);
        BinaryPrimitives.WriteInt64BigEndian(s[48..], size);
        var (c, h, spt) = Geometry(size);
        BinaryPrimitives.WriteUInt16BigEndian(s[56..], (ushort)c);
        f[58] = (byte)h;
        f[59] = (byte)spt;
        BinaryPrimitives.WriteUInt32BigEndian(s[60..], 2);
        var uid = id.ToByteArray(bigEndian: true);
        uid.CopyTo(f, 68);
        uint sum = 0;
        foreach (var b in f)
        {
            sum += b;
        }

        BinaryPrimitives.WriteUInt32BigEndian(s[64..], ~sum);
        return f;
    }

    // the CHS algorithm from the VHD specification's appendix
    static (long Cylinders, long Heads, long SectorsPerTrack) Geometry(long size)
    {
        var total = Math.Min(size / 512, 65535L * 16 * 255);
        long spt, heads, cth;
        if (total >= 65535L * 16 * 63)
        {
            spt = 255;
            heads = 16;
            cth = total / spt;
        }
        else
        {
            spt = 17;
            cth = total / spt;
            heads = Math.Max(4, (cth + 1023) / 1024);
            if (cth >= heads * 1024 || heads > 16)
            {
                spt = 31;
                heads = 16;
                cth = total / spt;
            }

            if (cth >= heads * 1024)
            {
                spt = 63;
                heads = 16;
                cth = total / spt;
            }
        }

        return (cth / heads, heads, spt);
    }
}
