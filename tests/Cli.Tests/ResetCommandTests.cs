using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public class ResetCommandTests
{
    static TempDir Initialised()
    {
        var dir = new TempDir();
        // ECDSA: reset is the point here, not the key type, and an RSA-2048 init per test was the suite's slowest setup
        using var configDir = new TempDir();
        File.WriteAllText(configDir["init.yaml"], InitConfigs.Text());
        Assert.Equal(0, Cli.Run("init", "--files-only", "--rootfs", dir.Path, "--config", configDir["init.yaml"]).ExitCode);
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

    /// <summary>
    /// A pod's volumes under the kubelet's directory: an NFS-like share (a bind mount of a directory elsewhere, holding
    /// data.txt) and a secret (tmpfs). Whatever a test leaves mounted is unmounted when disposed.
    /// </summary>
    sealed class Volumes : IDisposable
    {
        readonly TempDir _node;

        public Volumes(TempDir node, TempDir elsewhere)
        {
            _node = node;
            File.WriteAllText(elsewhere["data.txt"], "what the volume holds");
            Directory.CreateDirectory(Share = node["var/lib/kubelet/pods/p1/volumes/kubernetes.io~nfs/share"]);
            Directory.CreateDirectory(Secret = node["var/lib/kubelet/pods/p1/volumes/kubernetes.io~secret/token"]);
            var bind = Tool.Run("mount", "--bind", elsewhere.Path, Share);
            Assert.True(bind.ExitCode == 0, $"mounting needs root, as eng/test.sh runs: {bind.All}");
            Assert.Equal(0, Tool.Run("mount", "-t", "tmpfs", "tmpfs", Secret).ExitCode);
        }

        public string Share { get; }

        public string Secret { get; }

        public void Dispose()
        {
            foreach (var point in File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).Where(m => m.StartsWith(_node.Path, StringComparison.Ordinal)).Reverse())
            {
                Tool.Run("umount", "-l", point);
            }
        }
    }

    [Fact]
    public void Reset_UnmountsThePodsVolumesFirst_AndNeverDeletesWhatTheyHold()
    {
        using var dir = Initialised();
        using var elsewhere = new TempDir();
        using var volumes = new Volumes(dir, elsewhere);

        var result = Cli.Run("reset", "--force", "--rootfs", dir.Path);

        Assert.True(result.ExitCode == 0, result.Out + result.Err);
        Assert.Contains("[cleanup-node] unmounted /var/lib/kubelet/pods/p1/volumes/kubernetes.io~nfs/share", result.Out, StringComparison.Ordinal);
        Assert.Contains("[cleanup-node] unmounted /var/lib/kubelet/pods/p1/volumes/kubernetes.io~secret/token", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(dir.Path + "/", File.ReadAllText("/proc/self/mountinfo"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(volumes.Share) || Directory.Exists(volumes.Secret));
        Assert.Equal("what the volume holds", File.ReadAllText(elsewhere["data.txt"]));
    }

    [Fact]
    public void Reset_BusyVolume_FailsNamingIt_AndRemovesNothingBelowTheKubeletsDirectory()
    {
        using var dir = Initialised();
        using var elsewhere = new TempDir();
        using var volumes = new Volumes(dir, elsewhere);
        // a container still has a file open in the secret volume
        using var open = new FileStream(Path.Combine(volumes.Secret, "token"), FileMode.Create);

        var result = Cli.Run("reset", "--force", "--rootfs", dir.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"cannot unmount {volumes.Secret}: ", result.Err, StringComparison.Ordinal);
        Assert.Equal("what the volume holds", File.ReadAllText(elsewhere["data.txt"]));
        Assert.True(File.Exists(Path.Combine(volumes.Secret, "token")));
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

    [Fact]
    public void PlanReset_ListsThePhases_AsksNothing_RemovesNothing()
    {
        using var dir = Initialised();

        var result = Cli.RunWithInput(dir.Path, "", "plan", "reset", "--rootfs", dir.Path);

        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Equal("reset: 2 of 2 phases will run\n  remove-etcd-member  Remove a local etcd member's data\n  cleanup-node        Run cleanup of the node\n", result.Out);
        Assert.Equal("", result.Err);
        Assert.True(File.Exists(dir["etc/kubernetes/pki/ca.key"]), "a plan removed files");
    }

    [Fact]
    public void ResetPhase_CleanupNode_RunsOnlyThatPhase()
    {
        using var dir = Initialised();
        Directory.CreateDirectory(dir["var/lib/etcd/member"]);
        File.WriteAllText(dir["var/lib/etcd/member/db"], "x");

        var result = Cli.Run("reset", "phase", "cleanup-node", "--force", "--rootfs", dir.Path);

        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains("[cleanup-node] removed /etc/kubernetes/pki/ca.key", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("[remove-etcd-member]", result.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(dir["var/lib/etcd/member/db"]), "remove-etcd-member ran although only cleanup-node was asked for");
    }

    [Fact]
    public void Reset_UnknownSkipPhase_FailsBeforeTheQuestion()
    {
        using var dir = Initialised();

        var result = Cli.RunWithInput(dir.Path, "y\n", "reset", "--rootfs", dir.Path, "--skip-phases", "cleanup-nod");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean 'cleanup-node'?", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Are you sure", result.Err, StringComparison.Ordinal);
        Assert.True(File.Exists(dir["etc/kubernetes/pki/ca.key"]));
    }
}
