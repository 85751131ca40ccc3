using System.Text.Json;
using Kiln.ImageBuilder.Disk;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests.Disk;

public class GptTests
{
    static readonly Guid s_linux = new("0FC63DAF-8483-4772-8E79-3D69D8477DE4");

    static Gpt Table() => new(new Guid("11111111-2222-4333-8444-555555555555"), 64 * 2048,
    [
        new GptPartition(s_linux, new Guid("21111111-2222-4333-8444-555555555555"), 2048, 2048 + (16 * 2048) - 1, "boot"),
        new GptPartition(s_linux, new Guid("31111111-2222-4333-8444-555555555555"), 2048 + (16 * 2048), (63 * 2048) - 1, "root"),
    ]);

    static string WriteDisk(TempDir dir)
    {
        var path = dir["disk.raw"];
        using var disk = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        disk.SetLength(64L * 1024 * 1024);
        Table().Write(disk);
        return path;
    }

    [Fact]
    public void Write_SgdiskFindsNoProblems()
    {
        using var dir = new TempDir();
        var disk = WriteDisk(dir);

        var result = Tool.Run("sgdisk", "-v", disk);

        Assert.Contains("No problems found", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Caution", result.All, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", result.Err.Trim());
    }

    [Fact]
    public void Write_SfdiskReadsTheSameTable()
    {
        using var dir = new TempDir();
        var disk = WriteDisk(dir);

        var json = JsonDocument.Parse(Tool.Run("sfdisk", "-J", disk).Out).RootElement.GetProperty("partitiontable");

        Assert.Equal("gpt", json.GetProperty("label").GetString());
        Assert.Equal("11111111-2222-4333-8444-555555555555", json.GetProperty("id").GetString(), ignoreCase: true);
        var parts = json.GetProperty("partitions").EnumerateArray().Select(p =>
            (p.GetProperty("start").GetInt64(), p.GetProperty("size").GetInt64(), p.GetProperty("name").GetString(), p.GetProperty("uuid").GetString()!.ToUpperInvariant())).ToList();
        Assert.Equal([(2048L, 32768L, "boot", "21111111-2222-4333-8444-555555555555"), (34816L, 94208L, "root", "31111111-2222-4333-8444-555555555555")], parts);
    }

    [Fact]
    public void Read_RoundTripsWhatWriteWrote()
    {
        using var dir = new TempDir();
        using var disk = File.OpenRead(WriteDisk(dir));

        var (table, problems) = GptReader.Read(disk);

        Assert.Empty(problems);
        Assert.Equal(Table().Partitions, table!.Partitions);
        Assert.Equal(Table().DiskId, table.DiskId);
    }

    [Fact]
    public void DamagedBackupHeader_BothReadersNoticeIt()
    {
        using var dir = new TempDir();
        var path = WriteDisk(dir);
        using (var disk = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            disk.Position = disk.Length - 512 + 40;
            disk.WriteByte(0x7F);
        }

        using var read = File.OpenRead(path);
        var (_, problems) = GptReader.Read(read);
        var sgdisk = Tool.Run("sgdisk", "-v", path);

        Assert.Contains(problems, p => p.StartsWith("backup GPT header: CRC32 mismatch", StringComparison.Ordinal));
        // sgdisk exits 0 and still says "No problems found" on stdout: the problem is on stderr
        Assert.Equal(0, sgdisk.ExitCode);
        Assert.Contains("invalid backup GPT header", sgdisk.Err, StringComparison.Ordinal);
    }
}
