using System.Security.Cryptography;
using System.Text.Json;
using Kiln.ImageBuilder.Verify;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests.Build;

[Collection(BuiltImageGroup.Name)]
public class BaseImageTests(BuiltImage built)
{
    // a 64 MiB GPT disk made with the Debian tools: an 8 MiB "data" partition with bytes in it, and an ext4 "rootfs" with /etc/hostname
    static string MakeBase(TempDir dir, Action<string>? addToTree = null)
    {
        var disk = dir["base.raw"];
        using (var f = new FileStream(disk, FileMode.Create, FileAccess.ReadWrite))
        {
            f.SetLength(64L * 1024 * 1024);
        }

        File.WriteAllText(dir["layout"], "label: gpt\nstart=2048, size=16384, name=data\nstart=18432, name=rootfs\n");
        var sfdisk = Tool.Run("sh", "-c", $"sfdisk -q {disk} < {dir["layout"]}");
        Assert.True(sfdisk.ExitCode == 0, sfdisk.All);
        Directory.CreateDirectory(dir["tree/etc"]);
        File.WriteAllText(dir["tree/etc/hostname"], "base-host\n");
        addToTree?.Invoke(dir["tree"]);
        var mkfs = Tool.Run("mke2fs", "-q", "-F", "-t", "ext4", "-E", $"offset={18432 * 512}", "-d", dir["tree"], disk, $"{(131072 - 18432 - 34) / 2 * 1}k");
        Assert.True(mkfs.ExitCode == 0, mkfs.All);
        using (var f = new FileStream(disk, FileMode.Open, FileAccess.ReadWrite))
        {
            f.Position = 2048 * 512;
            f.Write(RandomNumberGenerator.GetBytes(4096));
        }

        return disk;
    }

    static string DataSha(string raw)
    {
        using var f = File.OpenRead(raw);
        var data = new byte[16384 * 512];
        f.Position = 2048 * 512;
        f.ReadExactly(data);
        return Convert.ToHexStringLower(SHA256.HashData(data));
    }

    [Fact]
    public async Task BaseImage_GetsTheNodeTreeAndKeepsEverythingElse()
    {
        using var dir = new TempDir();
        var baseDisk = MakeBase(dir);
        var before = DataSha(baseDisk);
        var recipe = Images.Recipe(extra: $"base:\n  image: {baseDisk}\n  partition: rootfs\n") with { Formats = [Kiln.ImageBuilder.Recipes.ImageFormat.Raw] };

        await Images.BuildAsync(recipe, dir["out"], built.CopyState(dir));

        var raw = dir["out/t.raw"];
        var start = JsonDocument.Parse(Tool.Run("sfdisk", "-J", raw).Out).RootElement.GetProperty("partitiontable").GetProperty("partitions")[1].GetProperty("start").GetInt64();
        var device = $"{raw}?offset={start * 512}";
        Assert.Equal("base-host\n", Tool.Run("debugfs", "-R", "cat /etc/hostname", device).Out);
        Assert.Contains("Mode:  0600", Tool.Run("debugfs", "-R", "stat /etc/kubernetes/pki/ca.key", device).Out, StringComparison.Ordinal);
        Assert.Equal(before, DataSha(raw));
        Assert.Equal(before, DataSha(baseDisk));
        var fsck = Tool.Run("e2fsck", "-fn", device);
        Assert.True(fsck.ExitCode == 0, fsck.All);
        var report = await ImageVerifier.VerifyAsync(raw, dir["out/t.manifest.json"], CancellationToken.None);
        Assert.True(report.Problems.Count == 0, string.Join("\n", report.Problems));
    }

    [Fact]
    public async Task Qcow2BaseImage_IsReadThroughQemuImgAndLeftUntouched()
    {
        using var dir = new TempDir();
        var baseRaw = MakeBase(dir);
        var before = DataSha(baseRaw);
        var baseQcow2 = dir["base.qcow2"];
        var convert = Tool.Run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", baseRaw, baseQcow2);
        Assert.True(convert.ExitCode == 0, convert.All);
        var qcow2Sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(baseQcow2)));
        var recipe = Images.Recipe(extra: $"base:\n  image: {baseQcow2}\n  partition: rootfs\n") with { Formats = [Kiln.ImageBuilder.Recipes.ImageFormat.Raw] };

        await Images.BuildAsync(recipe, dir["out"], built.CopyState(dir));

        var raw = dir["out/t.raw"];
        Assert.Equal(before, DataSha(raw));
        var device = $"{raw}?offset={18432 * 512}";
        Assert.Equal("base-host\n", Tool.Run("debugfs", "-R", "cat /etc/hostname", device).Out);
        Assert.Contains("Mode:  0600", Tool.Run("debugfs", "-R", "stat /etc/kubernetes/pki/ca.key", device).Out, StringComparison.Ordinal);
        Assert.Equal(qcow2Sha, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(baseQcow2))));
        var manifest = JsonDocument.Parse(File.ReadAllText(dir["out/t.manifest.json"])).RootElement;
        Assert.Equal("base.qcow2", manifest.GetProperty("baseImage").GetString());
        var report = await ImageVerifier.VerifyAsync(raw, dir["out/t.manifest.json"], CancellationToken.None);
        Assert.True(report.Problems.Count == 0, string.Join("\n", report.Problems));
    }

    [Fact]
    public async Task BaseImage_UnknownLabel_NamesTheLabels()
    {
        using var dir = new TempDir();
        var baseDisk = MakeBase(dir);
        var recipe = Images.Recipe(extra: $"base:\n  image: {baseDisk}\n  partition: nope\n");

        var result = await Kiln.ImageBuilder.Build.ImageBuild.RunAsync(new(recipe, dir["out"], built.CopyState(dir), null, Images.Epoch),
            new RecordingProgress(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);

        Assert.Equal("the base image has no partition labelled 'nope' (it has: data, rootfs)", result.Error);
    }

    [Fact]
    public async Task BaseImage_FileWhereTheTreeHasADirectory_NamesIt()
    {
        using var dir = new TempDir();
        var baseDisk = MakeBase(dir, tree => File.WriteAllText(Path.Combine(tree, "etc", "kubernetes"), "not a directory\n"));
        var recipe = Images.Recipe(extra: $"base:\n  image: {baseDisk}\n  partition: rootfs\n");

        var result = await Kiln.ImageBuilder.Build.ImageBuild.RunAsync(new(recipe, dir["out"], built.CopyState(dir), null, Images.Epoch),
            new RecordingProgress(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);

        // stat of the paths below it fails with "not a directory": that is a missing path, not a broken filesystem
        Assert.Equal("/etc/kubernetes in the base image is a regular, not a directory", result.Error);
    }
}
