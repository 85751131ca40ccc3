using System.Globalization;

namespace Kiln.Phases.Targets;

/// <summary>
/// Files that appear whole or not at all: the content goes to a temp file beside the target (same directory, so the
/// rename cannot cross filesystems), is flushed to disk, and is renamed over the target. A process killed on the way
/// leaves only a temp file, named <c>.NAME.PID.RANDOM.tmp</c>: hidden (the kubelet ignores hidden files in its
/// manifest directory) and removed by the next write of the same target once its process is gone.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="target"/> with exactly <paramref name="mode"/>.</summary>
    public static Task WriteAsync(string target, ReadOnlyMemory<byte> content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(target, content.Span, mode);
        return Task.CompletedTask;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="target"/> with exactly <paramref name="mode"/>.</summary>
    public static void Write(string target, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        var temp = WriteTemp(target, content, mode);
        try
        {
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Writes the content to a fresh temp file beside <paramref name="target"/>, flushed to disk, for a caller that
    /// renames several files into place together; returns the temp file's path.
    /// </summary>
    public static string WriteTemp(string target, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        var temp = TempFor(target);
        try
        {
            // created with the final mode, so a secret is never readable by others, not even for a moment
            using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            // the umask may have narrowed the create mode; set it exactly
            File.SetUnixFileMode(temp, mode);
            return temp;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// A fresh temp path beside <paramref name="target"/> for a caller that writes a large file itself and then calls
    /// <see cref="Commit"/>; stale temps of the same target (their process has ended) are removed first.
    /// </summary>
    public static string TempFor(string target)
    {
        RemoveStale(target);
        var name = Path.GetFileName(target);
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target))!,
            string.Create(CultureInfo.InvariantCulture, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp"));
    }

    /// <summary>Flushes a finished temp file to disk and renames it over <paramref name="target"/>.</summary>
    public static void Commit(string temp, string target)
    {
        Flush(temp);
        File.Move(temp, target, overwrite: true);
    }

    /// <summary>Flushes a file's data to disk (before a rename makes it visible).</summary>
    public static void Flush(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 1);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Whether a file name is one of these temp files (whatever its target).</summary>
    public static bool IsTemp(string fileName) => fileName.StartsWith('.') && fileName.EndsWith(".tmp", StringComparison.Ordinal);

    /// <summary>Removes the temp files of <paramref name="target"/> left by processes that have ended (killed mid-write).</summary>
    public static void RemoveStale(string target) =>
        RemoveStale(Path.GetDirectoryName(Path.GetFullPath(target))!, $".{Path.GetFileName(target)}.*.tmp");

    /// <summary>Removes every stale temp file directly in <paramref name="directory"/>, whatever its target.</summary>
    public static void RemoveStaleIn(string directory) => RemoveStale(directory, ".*.tmp");

    static void RemoveStale(string directory, string pattern)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var temp in Directory.EnumerateFiles(directory, pattern))
        {
            var parts = Path.GetFileName(temp).Split('.');
            // "", NAME..., PID, RANDOM, "tmp": the process that wrote it has ended
            if (parts.Length >= 5 && int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                File.Delete(temp);
            }
        }
    }
}
