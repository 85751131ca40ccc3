using System.Text.Json;
using Kiln.ImageBuilder.Manifest;
using Kiln.Phases.Workflow;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests.Build;

[Collection(BuiltImageGroup.Name)]
public class ImageBuildTests(BuiltImage built)
{
    static long Offset(string raw) => JsonDocument.Parse(Tool.Run("sfdisk", "-J", raw).Out).RootElement
        .GetProperty("partitiontable").GetProperty("partitions")[0].GetProperty("start").GetInt64() * 512;

    [Fact]
    public void Build_WritesEveryFormatAndAManifest()
    {
        var names = built.Result.Outputs.Select(o => o.File).ToList();

        Assert.Equal(["t.raw", "t.qcow2", "t.vhd"], names);
        Assert.All(names, n => Assert.True(File.Exists(Path.Combine(built.Output, n)), n));
        Assert.All(built.Result.Outputs, o => Assert.Equal(Images.Sha256(Path.Combine(built.Output, o.File)), o.Sha256));
        Assert.True(built.Result.StateCreated);
    }

    [Fact]
    public void Raw_PartitionHoldsACleanExt4()
    {
        var fsck = Tool.Run("e2fsck", "-fn", $"{built.Raw}?offset={Offset(built.Raw)}");

        Assert.True(fsck.ExitCode == 0, fsck.All);
        Assert.Contains("root:", fsck.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_KeysAreRootOwned0600WithTheEpochTime()
    {
        var stat = Tool.Run("debugfs", "-R", "stat /etc/kubernetes/pki/ca.key", $"{built.Raw}?offset={Offset(built.Raw)}").Out;

        Assert.Contains("Type: regular    Mode:  0600", stat, StringComparison.Ordinal);
        Assert.Matches(@"User:\s+0\s+Group:\s+0", stat);
        Assert.Contains($"mtime: 0x{Images.Epoch:x8}", stat, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_FilesMatchTheManifest()
    {
        var manifest = ImageManifest.FromJson(File.ReadAllText(built.Manifest));
        var entry = manifest.Files.Single(f => string.Equals(f.Path, "/etc/kubernetes/manifests/kube-apiserver.yaml", StringComparison.Ordinal));

        var content = Tool.Run("debugfs", "-R", $"cat {entry.Path}", $"{built.Raw}?offset={Offset(built.Raw)}").Out;

        Assert.Equal(entry.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content))));
        Assert.Equal("0600", entry.Mode);
    }

    [Fact]
    public void Qcow2AndVhd_HoldTheSameDiskAsTheRaw()
    {
        var qcow2 = Tool.Run("qemu-img", "compare", "-f", "raw", "-F", "qcow2", built.Raw, Path.Combine(built.Output, "t.qcow2"));
        var check = Tool.Run("qemu-img", "check", "-f", "qcow2", Path.Combine(built.Output, "t.qcow2"));
        var vhd = Tool.Run("qemu-img", "compare", "-f", "raw", "-F", "vpc", built.Raw, Path.Combine(built.Output, "t.vhd"));

        Assert.True(qcow2.ExitCode == 0, qcow2.All);
        Assert.True(check.ExitCode == 0, check.All);
        Assert.True(vhd.ExitCode == 0, vhd.All);
    }

    [Fact]
    public void Image_HoldsTheFirstBootUnitAndTheTokenOnlyIn0600Files()
    {
        var manifest = ImageManifest.FromJson(File.ReadAllText(built.Manifest));
        var token = File.ReadAllText(Path.Combine(built.State, "token")).Trim();
        var device = $"{built.Raw}?offset={Offset(built.Raw)}";

        var config = Tool.Run("debugfs", "-R", "cat /etc/kiln/kubeadm.yaml", device).Out;

        Assert.Contains(manifest.Files, f => string.Equals(f.Path, "/etc/systemd/system/kiln-first-boot.service", StringComparison.Ordinal) && string.Equals(f.Mode, "0644", StringComparison.Ordinal));
        Assert.Contains($"token: {token}", config, StringComparison.Ordinal);
        Assert.Equal("0600", manifest.Files.Single(f => string.Equals(f.Path, "/etc/kiln/kubeadm.yaml", StringComparison.Ordinal)).Mode);
        Assert.DoesNotContain(token, File.ReadAllText(built.Manifest), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DefersOnlyLivePhasesAndReportsImagePhases()
    {
        var events = built.Events.Events;

        Assert.DoesNotContain(events, e => e is PhaseFailed);
        Assert.All(events.OfType<PhaseSkipped>(), e => Assert.StartsWith("deferred to first boot (needs ", e.Reason.Text, StringComparison.Ordinal));
        Assert.Contains(events, e => e is PhaseSkipped { Phase.Value: "bootstrap-token" });
        Assert.Contains(events, e => e is PhaseSucceeded { Phase.Value: "certs/apiserver" });
        Assert.Contains(events, e => e is PhaseSucceeded { Phase.Value: "image/first-boot" });
    }

    [Fact]
    public async Task Rebuild_SameStateAndEpoch_IsByteIdentical()
    {
        using var a = new TempDir();
        using var b = new TempDir();

        var first = await Images.BuildAsync(Images.Recipe(), a["out"], built.CopyState(a));
        var second = await Images.BuildAsync(Images.Recipe(), b["out"], built.CopyState(b));

        Assert.Equal(built.Result.Outputs.Select(o => o.Sha256), first.Outputs.Select(o => o.Sha256), StringComparer.Ordinal);
        Assert.Equal(first.Outputs.Select(o => o.Sha256), second.Outputs.Select(o => o.Sha256), StringComparer.Ordinal);
        Assert.Equal(File.ReadAllText(built.Manifest), File.ReadAllText(Path.Combine(a["out"], "t.manifest.json")));
    }

    [Fact]
    public async Task Rebuild_OtherState_GivesOtherBytes()
    {
        using var dir = new TempDir();

        var other = await Images.BuildAsync(Images.Recipe(), dir["out"], dir["fresh-state"]);

        Assert.All(other.Outputs.Zip(built.Result.Outputs), pair => Assert.NotEqual(pair.Second.Sha256, pair.First.Sha256, StringComparer.Ordinal));
    }

    [Fact]
    public void State_HoldsSecretsPrivately()
    {
        var files = Directory.GetFiles(built.State, "*", SearchOption.AllDirectories);

        Assert.Contains(files, f => f.EndsWith("pki/ca.key", StringComparison.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(built.State, "token")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(built.State, "pki", "ca.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(built.State));
    }

    [Fact]
    public async Task VhdxAndVmdk_ComeFromQemuImgMarkedNotReproducible()
    {
        using var dir = new TempDir();
        var recipe = Images.Recipe() with { Formats = [Kiln.ImageBuilder.Recipes.ImageFormat.Vhdx, Kiln.ImageBuilder.Recipes.ImageFormat.Vmdk] };

        var result = await Images.BuildAsync(recipe, dir["out"], built.CopyState(dir));

        Assert.Equal([("t.vhdx", false), ("t.vmdk", false)], result.Outputs.Select(o => (o.File, o.Reproducible)));
        Assert.False(File.Exists(dir["out/t.raw"]));
        var compare = Tool.Run("qemu-img", "compare", "-f", "raw", "-F", "vhdx", built.Raw, dir["out/t.vhdx"]);
        Assert.True(compare.ExitCode == 0, compare.All);
        var report = await Kiln.ImageBuilder.Verify.ImageVerifier.VerifyAsync(dir["out/t.vmdk"], dir["out/t.manifest.json"], CancellationToken.None);
        Assert.True(report.Problems.Count == 0, string.Join("\n", report.Problems));
    }

    [Theory]
    [InlineData(Kiln.ImageBuilder.Recipes.NodeRole.ControlPlane, "control-plane")]
    [InlineData(Kiln.ImageBuilder.Recipes.NodeRole.Worker, "worker")]
    public void FirstBootUnit_MatchesItsSnapshot(Kiln.ImageBuilder.Recipes.NodeRole role, string name) =>
        Snapshot.Match(Kiln.ImageBuilder.Build.FirstBootPhase.Unit(role), $"images/first-boot-{name}", "service");
}
