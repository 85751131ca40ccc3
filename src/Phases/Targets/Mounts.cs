using System.Runtime.InteropServices;

namespace Kiln.Phases.Targets;

/// <summary>The filesystems mounted on this host (<c>/proc/self/mountinfo</c>), and unmounting them.</summary>
internal static partial class Mounts
{
    const string MountInfo = "/proc/self/mountinfo";

    /// <summary>The mount points at or under a directory, deepest first (so each can be unmounted in order).</summary>
    public static IReadOnlyList<string> Under(string directory)
    {
        if (!File.Exists(MountInfo))
        {
            return [];
        }

        var dir = directory.TrimEnd('/');
        // field 5 of each line is the mount point, with spaces and the like octal-escaped
        return File.ReadLines(MountInfo).Select(l => l.Split(' ')).Where(f => f.Length > 4)
            .Select(f => System.Text.RegularExpressions.Regex.Unescape(f[4]))
            .Where(m => m.StartsWith(dir + "/", StringComparison.Ordinal) || string.Equals(m, dir, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(m => m.Length).ThenBy(m => m, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Unmounts one mount point (the topmost filesystem on it); throws naming it and the reason when it cannot.</summary>
    public static void Unmount(string mountPoint)
    {
        if (Umount2(mountPoint, 0) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot unmount {mountPoint}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Umount2(string target, int flags);
}
