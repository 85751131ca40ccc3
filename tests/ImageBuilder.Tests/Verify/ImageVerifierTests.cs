using System.Text.Json;
using Kiln.ImageBuilder.Verify;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests.Verify;

[Collection(BuiltImageGroup.Name)]
public class ImageVerifierTests(BuiltImage built)
{
    // a private copy of the raw image and its manifest, to damage
    static (string Raw, string Manifest, string Device) Copy(BuiltImage built, TempDir dir)
    {
        var raw = dir["t.raw"];
        File.Copy(built.Raw, raw);
        File.Copy(built.Manifest, dir["t.manifest.json"]);
        var start = JsonDocument.Parse(Tool.Run("sfdisk", "-J", raw).Out).RootElement
            .GetProperty("partitiontable").GetProperty("partitions")[0].GetProperty("start").GetInt64();
        return (raw, dir["t.manifest.json"], $"{raw}?offset={start * 512}");
    }

    static Task<VerifyReport> VerifyAsync(string image) => ImageVerifier.VerifyAsync(image, ImageVerifier.DefaultManifest(image), CancellationToken.None);

    [Theory]
    [InlineData("t.raw")]
    [InlineData("t.qcow2")]
    [InlineData("t.vhd")]
    public async Task FreshImage_Verifies(string file)
    {
        var report = await VerifyAsync(Path.Combine(built.Output, file));

        Assert.True(report.Problems.Count == 0, string.Join("\n", report.Problems));
        Assert.Contains(report.Checks, c => c.Contains("paths match the manifest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TamperedFile_IsNamed()
    {
        using var dir = new TempDir();
        var (raw, _, device) = Copy(built, dir);
        File.WriteAllText(dir["evil"], "apiVersion: v1\nkind: Pod\n");
        Tool.Run("debugfs", "-w", "-R", "rm /etc/kubernetes/manifests/kube-scheduler.yaml", device);
        Tool.Run("debugfs", "-w", "-R", $"write {dir["evil"]} /etc/kubernetes/manifests/kube-scheduler.yaml", device);

        var report = await VerifyAsync(raw);

        Assert.Contains(report.Problems, p => p.StartsWith("/etc/kubernetes/manifests/kube-scheduler.yaml: content sha256", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith("t.raw: sha256", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangedMode_IsNamed()
    {
        using var dir = new TempDir();
        var (raw, _, device) = Copy(built, dir);
        Tool.Run("debugfs", "-w", "-R", "sif /etc/kubernetes/pki/ca.key mode 0100644", device);

        var report = await VerifyAsync(raw);

        Assert.Contains("/etc/kubernetes/pki/ca.key: mode 0644, the manifest says 0600", report.Problems, StringComparer.Ordinal);
    }

    [Fact]
    public async Task AddedFile_IsNamed()
    {
        using var dir = new TempDir();
        var (raw, _, device) = Copy(built, dir);
        File.WriteAllText(dir["extra"], "x");
        Tool.Run("debugfs", "-w", "-R", $"write {dir["extra"]} /etc/extra", device);

        var report = await VerifyAsync(raw);

        Assert.Contains("/etc/extra: in the image but not in the manifest", report.Problems, StringComparer.Ordinal);
    }

    [Fact]
    public async Task DamagedPartitionTable_IsNamed()
    {
        using var dir = new TempDir();
        var (raw, _, _) = Copy(built, dir);
        using (var disk = new FileStream(raw, FileMode.Open, FileAccess.ReadWrite))
        {
            disk.Position = disk.Length - 512 + 40;
            disk.WriteByte(0x7F);
        }

        var report = await VerifyAsync(raw);

        Assert.Contains("partition table: backup GPT header: CRC32 mismatch at LBA 131071", report.Problems, StringComparer.Ordinal);
        Assert.Contains(report.Problems, p => p.StartsWith("partition table: sgdisk -v reports:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CorruptFilesystem_FailsE2fsck()
    {
        using var dir = new TempDir();
        var (raw, _, device) = Copy(built, dir);
        // the root inode's mode field: e2fsck's checksum check notices any byte of it
        var inode = Tool.Run("debugfs", "-R", "imap /", device).Out;
        var block = long.Parse(System.Text.RegularExpressions.Regex.Match(inode, @"block (?<block>\d+), offset 0x[0-9a-f]+", System.Text.RegularExpressions.RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1)).Groups["block"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var offset = Convert.ToInt64(System.Text.RegularExpressions.Regex.Match(inode, @"offset 0x(?<offset>[0-9a-f]+)", System.Text.RegularExpressions.RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1)).Groups["offset"].Value, 16);
        var start = long.Parse(device[(device.IndexOf('=', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        using (var disk = new FileStream(raw, FileMode.Open, FileAccess.ReadWrite))
        {
            disk.Position = start + (block * 4096) + offset + 8;
            var b = disk.ReadByte();
            disk.Position--;
            disk.WriteByte((byte)(b ^ 0x55));
        }

        var report = await VerifyAsync(raw);

        Assert.Contains(report.Problems, p => p.StartsWith("partition 1 (root): e2fsck -fn exit", StringComparison.Ordinal));
    }
}
