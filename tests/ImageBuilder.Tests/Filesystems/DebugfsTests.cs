using Kiln.ImageBuilder.Filesystems;
using Kiln.ImageBuilder.Tools;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests.Filesystems;

public class DebugfsTests
{
    static readonly ToolRunner s_tools = new(Images.Epoch);

    // an 8 MiB ext4 filesystem with an empty root and lost+found
    static string Ext4(TempDir dir)
    {
        var file = dir["fs.img"];
        File.WriteAllBytes(file, []);
        Tool.Run("truncate", "-s", "8M", file);
        var made = Tool.Run("mke2fs", "-q", "-F", "-t", "ext4", file);
        Assert.True(made.ExitCode == 0, made.All);
        return file;
    }

    [Fact]
    public async Task Run_WritesTheScriptAndEchoesEachCommand()
    {
        using var dir = new TempDir();
        var fs = Ext4(dir);

        var result = await Debugfs.RunAsync(s_tools, fs, ["mkdir \"/etc\"", "mkdir \"/etc/kubernetes\""], write: true, CancellationToken.None);

        Assert.Empty(result.Problems);
        Assert.Contains("debugfs: mkdir \"/etc/kubernetes\"", result.Out, StringComparison.Ordinal);
        Assert.Contains("directory", Tool.Run("debugfs", "-R", "stat /etc/kubernetes", fs).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunChecked_FailedCommand_ThrowsWithDebugfsComplaint()
    {
        using var dir = new TempDir();
        var fs = Ext4(dir);

        // debugfs exits 0 here: only its stderr tells
        var e = await Assert.ThrowsAsync<ImageBuildException>(() =>
            Debugfs.RunCheckedAsync(s_tools, fs, ["sif \"/nope\" uid 0"], write: true, "normalise the filesystem", CancellationToken.None));

        Assert.StartsWith("debugfs could not normalise the filesystem: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("/nope", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("debugfs 1.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stat_ExistingPathsOnly()
    {
        using var dir = new TempDir();
        var fs = Ext4(dir);

        File.WriteAllText(dir["f"], "hi");
        Tool.Run("debugfs", "-w", "-R", $"write {dir["f"]} /etc", fs);

        var stats = await Debugfs.StatAsync(s_tools, fs, ["/lost+found", "/missing", "/etc", "/etc/kubernetes"], CancellationToken.None);

        Assert.Equal(["/lost+found", "/etc"], stats.Keys, StringComparer.Ordinal);
        Assert.Equal("regular", stats["/etc"].Type);
        Assert.Equal(new DebugfsStat("directory", 0x1C0, 0, 0, 12288), stats["/lost+found"]);
    }

    [Fact]
    public async Task Stat_NotAFilesystem_ThrowsRatherThanReportingAllMissing()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir["zeros"], new byte[1024 * 1024]);

        var e = await Assert.ThrowsAsync<ImageBuildException>(() => Debugfs.StatAsync(s_tools, dir["zeros"], ["/etc"], CancellationToken.None));

        Assert.StartsWith($"debugfs could not read {dir["zeros"]}: ", e.Message, StringComparison.Ordinal);
    }
}
