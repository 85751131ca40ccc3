using Kiln.TestKit;

namespace Kiln.Reliability.Tests.Faults;

/// <summary>A small tmpfs mounted by the test (it needs root), optionally remounted read-only; unmounted on dispose.</summary>
public sealed class Mount : IDisposable
{
    Mount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (mount's syntax: 64k, 2m) at a new directory under <paramref name="parent"/>.</summary>
    public static Mount Tmpfs(string parent, string size, bool readOnly = false)
    {
        var path = System.IO.Path.Combine(parent, $"mnt-{size}{(readOnly ? "-ro" : "")}");
        Directory.CreateDirectory(path);
        var mount = Tool.Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs", path);
        Assert.True(mount.ExitCode == 0, $"the test needs root to mount a tmpfs: {mount.All}");
        var result = new Mount(path);
        if (readOnly)
        {
            var ro = Tool.Run("mount", "-o", "remount,ro", path);
            Assert.True(ro.ExitCode == 0, ro.All);
        }

        return result;
    }

    public void Dispose()
    {
        var umount = Tool.Run("umount", Path);
        Assert.True(umount.ExitCode == 0, umount.All);
        Directory.Delete(Path);
    }
}
