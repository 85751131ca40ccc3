namespace Kiln.Phases.Targets;

/// <summary>Checks and normalises node paths: absolute, no '.', '..' or empty segments.</summary>
public static class NodePath
{
    /// <summary>Returns the path, or throws for a path that could escape the root.</summary>
    public static string Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/') || path.Split('/').Skip(1).Any(s => s is "" or "." or ".."))
        {
            if (!string.Equals(path, "/", StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{path}' is not a clean absolute node path", nameof(path));
            }
        }

        return path;
    }

    /// <summary>The parent directory of a node path (<c>/</c> for top-level entries).</summary>
    public static string Parent(string path)
    {
        var cut = Check(path).LastIndexOf('/');
        return cut <= 0 ? "/" : path[..cut];
    }

    /// <summary>Default mode of directories created on the way to a file.</summary>
    public const UnixFileMode DefaultDirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
}
