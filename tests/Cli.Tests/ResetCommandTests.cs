using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public class ResetCommandTests
{
    static TempDir Initialised()
    {
        var dir = new TempDir();
        Assert.Equal(0, Cli.Run("init", "--files-only", "--rootfs", dir.Path, "--node-name", "node1", "--apiserver-advertise-address", "10.0.0.10").ExitCode);
        Directory.CreateDirectory(dir["etc/kubernetes/tmp"]);
        File.WriteAllText(dir["etc/kubernetes/tmp/backup"], "x");
        Directory.CreateDirectory(dir["etc/cni/net.d"]);
        File.WriteAllText(dir["etc/cni/net.d/10-net.conf"], "{}");
        File.WriteAllText(dir["etc/kubernetes/keep-me.txt"], "mine");
        return dir;
    }

    [Fact]
    public void Reset_Force_RemovesWhatInitWroteAndNothingElse()
    {
        using var dir = Initialised();

        var result = Cli.Run("reset", "--force", "--rootfs", dir.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[cleanup-node] removed /etc/kubernetes/pki/ca.key", result.Out, StringComparison.Ordinal);
        Assert.Contains("[cleanup-node] removed /etc/kubernetes/admin.conf", result.Out, StringComparison.Ordinal);
        var left = Directory.GetFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories)
            .Where(File.Exists).Select(f => "/" + Path.GetRelativePath(dir.Path, f)).Order(StringComparer.Ordinal);
        Assert.Equal(["/etc/cni/net.d/10-net.conf", "/etc/kubernetes/keep-me.txt", "/etc/kubernetes/tmp/backup"], left, StringComparer.Ordinal);
        Assert.True(Directory.Exists(dir["etc/kubernetes/manifests"]));
        Assert.True(Directory.Exists(dir["etc/kubernetes/pki"]));
    }

    [Fact]
    public void Reset_CleanupTmpDir_AlsoRemovesTmp()
    {
        using var dir = Initialised();

        Assert.Equal(0, Cli.Run("reset", "-f", "--cleanup-tmp-dir", "--rootfs", dir.Path).ExitCode);

        Assert.False(Directory.Exists(dir["etc/kubernetes/tmp"]));
    }

    [Theory]
    [InlineData("n\n", 1, true)]
    [InlineData("", 1, true)]
    [InlineData("yes\n", 0, false)]
    public void Reset_WithoutForce_AsksAndOnlyYesProceeds(string answer, int exit, bool keptCa)
    {
        using var dir = Initialised();

        var result = Cli.RunWithInput(dir.Path, answer, "reset", "--rootfs", dir.Path);

        Assert.Equal(exit, result.ExitCode);
        Assert.Contains("Are you sure you want to proceed? [y/N]", result.Err, StringComparison.Ordinal);
        Assert.Equal(keptCa, File.Exists(dir["etc/kubernetes/pki/ca.crt"]));
    }
}
