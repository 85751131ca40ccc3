using Kiln.ImageBuilder.Containers;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests.Containers;

public class ContainerTests
{
    // 8 MiB with data in a few places, holes elsewhere, and a partial last cluster's worth of bytes
    static string RawDisk(TempDir dir)
    {
        var path = dir["disk.raw"];
        using var s = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        s.SetLength(8L * 1024 * 1024);
        foreach (var at in new long[] { 0, 70_000, 3L * 1024 * 1024, (8L * 1024 * 1024) - 100 })
        {
            s.Position = at;
            s.Write(System.Text.Encoding.ASCII.GetBytes($"data at {at}"));
        }

        return path;
    }

    static string Write(TempDir dir, string raw, string name, Action<Stream, Stream> writer)
    {
        var path = dir[name];
        using var input = File.OpenRead(raw);
        using var output = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        writer(input, output);
        return path;
    }

    [Fact]
    public void Qcow2_PassesQemuCheckAndMatchesTheRaw()
    {
        using var dir = new TempDir();
        var raw = RawDisk(dir);

        var qcow2 = Write(dir, raw, "d.qcow2", (i, o) => Qcow2Writer.Write(i, o));

        var check = Tool.Run("qemu-img", "check", "-f", "qcow2", qcow2);
        Assert.True(check.ExitCode == 0, check.All);
        Assert.Contains("No errors were found", check.Out, StringComparison.Ordinal);
        var compare = Tool.Run("qemu-img", "compare", "-f", "raw", "-F", "qcow2", raw, qcow2);
        Assert.True(compare.ExitCode == 0, compare.All);
    }

    [Fact]
    public void Qcow2_SkipsZeroClusters()
    {
        using var dir = new TempDir();
        var raw = RawDisk(dir);

        var qcow2 = Write(dir, raw, "d.qcow2", (i, o) => Qcow2Writer.Write(i, o));

        // header, L1, refcount table, refcount block, one L2, four data clusters (one per write)
        Assert.Equal(9L * 65536, new FileInfo(qcow2).Length);
    }

    [Fact]
    public void Vhd_IsTheRawPlusAFooterQemuReadsAtTheExactSize()
    {
        using var dir = new TempDir();
        var raw = RawDisk(dir);

        var vhd = Write(dir, raw, "d.vhd", (i, o) =>
            VhdWriter.Write(i, o, VhdWriter.Footer(i.Length, DateTimeOffset.FromUnixTimeSeconds(Images.Epoch), Guid.Parse("11111111-2222-4333-8444-555555555555"))));

        var info = Tool.Run("qemu-img", "info", "-f", "vpc", vhd);
        Assert.Contains("virtual size: 8 MiB (8388608 bytes)", info.Out, StringComparison.Ordinal);
        var compare = Tool.Run("qemu-img", "compare", "-f", "raw", "-F", "vpc", raw, vhd);
        Assert.True(compare.ExitCode == 0, compare.All);
    }
}
