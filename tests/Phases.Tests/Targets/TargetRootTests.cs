using System.Text;
using Kiln.Phases.Targets;

namespace Kiln.Phases.Tests.Targets;

public sealed class TargetRootTests : IDisposable
{
    const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    const UnixFileMode Mode0700 = Mode0600 | UnixFileMode.UserExecute;
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kiln-root-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task HostRoot_Write_CreatesFileWithExactModeUnderPrefix()
    {
        var root = new HostRoot(_dir.FullName);

        await root.WriteFileAsync("/etc/kubernetes/pki/ca.key", Encoding.ASCII.GetBytes("secret"), Mode0600, CancellationToken.None);

        var file = Path.Combine(_dir.FullName, "etc/kubernetes/pki/ca.key");
        Assert.Equal("secret", File.ReadAllText(file));
        Assert.Equal(Mode0600, File.GetUnixFileMode(file));
        Assert.Equal(NodePath.DefaultDirectoryMode, File.GetUnixFileMode(Path.Combine(_dir.FullName, "etc/kubernetes/pki")));
        Assert.True(root.Exists("/etc/kubernetes/pki/ca.key"));
        Assert.Equal(file, root.Describe("/etc/kubernetes/pki/ca.key"));
    }

    [Fact]
    public async Task HostRoot_Overwrite_LeavesNoTemporaryFiles()
    {
        var root = new HostRoot(_dir.FullName);

        await root.WriteFileAsync("/etc/a.yaml", Encoding.ASCII.GetBytes("one"), Mode0600, CancellationToken.None);
        await root.WriteFileAsync("/etc/a.yaml", Encoding.ASCII.GetBytes("two"), Mode0600, CancellationToken.None);

        Assert.Equal(["a.yaml"], Directory.GetFiles(Path.Combine(_dir.FullName, "etc")).Select(Path.GetFileName), StringComparer.Ordinal);
        Assert.Equal("two", Encoding.ASCII.GetString(root.ReadAllBytes("/etc/a.yaml")));
    }

    [Fact]
    public void HostRoot_CreateDirectory_GivesTheLeafItsMode()
    {
        var root = new HostRoot(_dir.FullName);

        root.CreateDirectory("/etc/kubernetes/manifests", Mode0700);

        Assert.Equal(Mode0700, File.GetUnixFileMode(Path.Combine(_dir.FullName, "etc/kubernetes/manifests")));
    }

    [Theory]
    [InlineData("etc/relative")]
    [InlineData("/etc/../../escape")]
    [InlineData("/etc//double")]
    public void HostRoot_UncleanPath_IsRefused(string path) =>
        Assert.Throws<ArgumentException>(() => new HostRoot(_dir.FullName).Exists(path));

    [Fact]
    public async Task HostRoot_Delete_RemovesTreeButRefusesToCrossAMount()
    {
        var root = new HostRoot(_dir.FullName);
        await root.WriteFileAsync("/var/lib/kubelet/pods/p1/volumes/data/file", Encoding.ASCII.GetBytes("precious"), Mode0600, CancellationToken.None);
        var mountPoint = Path.Combine(_dir.FullName, "var/lib/kubelet/pods/p1/volumes/data");
        var mount = Kiln.TestKit.Tool.Run("mount", "-t", "tmpfs", "tmpfs", mountPoint);
        Assert.True(mount.ExitCode == 0, $"the test needs root to mount a tmpfs: {mount.Err}");
        try
        {
            var e = Assert.Throws<IOException>(() => root.Delete("/var/lib/kubelet"));

            Assert.Contains("has filesystems mounted under it", e.Message, StringComparison.Ordinal);
            Assert.True(Directory.Exists(mountPoint));
        }
        finally
        {
            Kiln.TestKit.Tool.Run("umount", mountPoint);
        }

        var removed = root.Delete("/var/lib/kubelet");

        Assert.Equal("/var/lib/kubelet", removed[0]);
        Assert.Contains("/var/lib/kubelet/pods/p1/volumes/data/file", removed, StringComparer.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "var/lib/kubelet")));
    }

    [Fact]
    public async Task MemoryRoot_OverLowerRoot_ReadsThroughAndWritesNothingBelow()
    {
        var lower = new HostRoot(_dir.FullName);
        await lower.WriteFileAsync("/etc/existing", Encoding.ASCII.GetBytes("old"), Mode0600, CancellationToken.None);
        var memory = new MemoryRoot(lower);

        await memory.WriteFileAsync("/etc/new", Encoding.ASCII.GetBytes("new"), Mode0600, CancellationToken.None);

        Assert.Equal("old", Encoding.ASCII.GetString(memory.ReadAllBytes("/etc/existing")));
        Assert.True(memory.Exists("/etc/new"));
        Assert.False(lower.Exists("/etc/new"));
        Assert.Equal(Mode0600, memory.Entries["/etc/new"].Mode);
        Assert.Null(memory.Entries["/etc"].Content);
    }
}
