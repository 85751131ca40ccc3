namespace Kiln.Phases.Targets;

/// <summary>
/// Turns a failed create or write of a host path into a <see cref="TargetIOException"/> that says which path, what was
/// expected there and what to do, instead of .NET's text ("The file '/x/manifests' already exists.").
/// </summary>
public static class TargetFault
{
    // errno values (Linux) that .NET reports as the IOException's HResult
    const int NoSpace = 28;
    const int ReadOnly = 30;
    const int Quota = 122;

    /// <summary>Whether the exception is one of the host faults <see cref="Explain"/> words.</summary>
    public static bool IsHostFault(Exception e) => e is (IOException and not TargetIOException) or UnauthorizedAccessException;

    /// <summary>Creates a directory and its parents on the host, or throws the explained failure.</summary>
    public static void CreateDirectory(string hostPath, UnixFileMode mode = NodePath.DefaultDirectoryMode)
    {
        try
        {
            Directory.CreateDirectory(hostPath, mode);
        }
        catch (Exception e) when (IsHostFault(e))
        {
            throw Explain(e, hostPath, directory: true);
        }
    }

    /// <summary>
    /// The explained exception for a failure while making <paramref name="hostPath"/> (a directory, or a file);
    /// <paramref name="what"/> names what was being written when it is not the path itself ("the image t.raw").
    /// </summary>
    public static TargetIOException Explain(Exception e, string hostPath, bool directory, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        what ??= directory ? "a directory" : "a file";
        if (FileOnTheWay(hostPath, directory) is { } file)
        {
            var forWhat = string.Equals(file, Path.GetFullPath(hostPath), StringComparison.Ordinal) ? "" : $" (to write {hostPath})";
            return new TargetIOException($"{file} is a file, but Kiln needs a directory there{forWhat}",
                $"move or remove {file}, or point Kiln at another directory", e);
        }

        if (!directory && Directory.Exists(hostPath))
        {
            return new TargetIOException($"{hostPath} is a directory, but Kiln writes a file there", $"move or remove the directory {hostPath}", e);
        }

        return (e.HResult & 0xFFFF) switch
        {
            NoSpace or Quota => new TargetIOException($"no space left on the filesystem that holds {hostPath} (writing {what})",
                "free space there (df shows it) or write somewhere else, then run again; files already written are complete and are reused", e),
            ReadOnly => new TargetIOException($"{hostPath} is on a read-only filesystem (writing {what})",
                "remount it read-write, or point Kiln at a writable directory", e),
            _ when e is UnauthorizedAccessException => new TargetIOException($"permission denied writing {what} at {hostPath}",
                "run as root, or point Kiln at a directory you can write", e),
            _ => new TargetIOException($"cannot write {what} at {hostPath}: {e.Message}", null, e),
        };
    }

    /// <summary>The nearest existing ancestor of <paramref name="hostPath"/> (or the path itself, for a directory) that is not a directory.</summary>
    static string? FileOnTheWay(string hostPath, bool directory)
    {
        var full = Path.GetFullPath(hostPath);
        for (var p = directory ? full : Path.GetDirectoryName(full); p is not null; p = Path.GetDirectoryName(p))
        {
            if (Directory.Exists(p))
            {
                return null;
            }

            if (File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }
}
