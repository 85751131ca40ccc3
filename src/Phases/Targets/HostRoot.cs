namespace Kiln.Phases.Targets;

/// <summary>
/// The real filesystem: <c>/</c> on a node, or a prefix (<c>--rootfs DIR</c>, an image's staging directory)
/// under which node paths are mapped.
/// </summary>
/// <param name="prefix">The directory that stands for the node's <c>/</c>.</param>
/// <param name="durable">
/// Whether each write goes to a temp file that is flushed to disk and then renamed over the target, so a crash never
/// leaves a half-written file (a node's files). A throw-away tree, such as an image's staging directory that is packed
/// right after the phases run and rebuilt after a crash, is written in place without the flush.
/// </param>
public class HostRoot(string prefix, bool durable = true) : ITargetRoot
{
    /// <summary>The real directory that stands for <c>/</c>.</summary>
    public string Prefix { get; } = Path.GetFullPath(prefix);

    /// <summary>The host path of a node path.</summary>
    public string Map(string path) => string.Equals(Prefix, "/", StringComparison.Ordinal) ? NodePath.Check(path) : Prefix.TrimEnd('/') + NodePath.Check(path);

    /// <inheritdoc />
    public bool Exists(string path) => File.Exists(Map(path));

    /// <inheritdoc />
    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(Map(path));

    /// <inheritdoc />
    public string Describe(string path) => Map(path);

    /// <inheritdoc />
    public IReadOnlyList<string> Delete(string path)
    {
        var real = Map(path);
        if (File.Exists(real) || (Directory.Exists(real) && new FileInfo(real).LinkTarget is not null))
        {
            // a symlink is removed itself, never followed
            File.Delete(real);
            return [path];
        }

        if (!Directory.Exists(real))
        {
            return [];
        }

        // never delete through a mounted filesystem (a pod's volume under /var/lib/kubelet may be an NFS share)
        var mounts = Mounts.Under(real);
        if (mounts.Count > 0)
        {
            throw new IOException($"{real} has filesystems mounted under it ({string.Join(", ", mounts.Take(3))}{(mounts.Count > 3 ? ", ..." : "")}); unmount them first");
        }

        var removed = Directory.GetFileSystemEntries(real, "*", SearchOption.AllDirectories)
            .Select(e => path.TrimEnd('/') + "/" + Path.GetRelativePath(real, e)).Order(StringComparer.Ordinal).Prepend(path).ToList();
        Directory.Delete(real, recursive: true);
        return removed;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Unmount(string path)
    {
        var unmounted = new List<string>();
        // deepest first; a point with filesystems stacked on it is listed again until none is left
        for (var mounts = Mounts.Under(Map(path)); mounts.Count > 0; mounts = Mounts.Under(Map(path)))
        {
            if (unmounted.Count >= 10_000)
            {
                throw new IOException($"{mounts[0]} is still mounted after {unmounted.Count} unmounts under {Map(path)}");
            }

            Mounts.Unmount(mounts[0]);
            unmounted.Add(string.Equals(Prefix, "/", StringComparison.Ordinal) ? mounts[0] : "/" + Path.GetRelativePath(Prefix, mounts[0]));
        }

        return unmounted;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListFiles(string directory) => Directory.Exists(Map(directory))
        ? Directory.GetFiles(Map(directory)).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList()
        : [];

    /// <inheritdoc />
    public bool HasEntries(string directory) => Directory.Exists(Map(directory)) && Directory.EnumerateFileSystemEntries(Map(directory)).Any();

    /// <inheritdoc />
    public void CreateDirectory(string path, UnixFileMode mode)
    {
        var missing = new Stack<string>();
        for (var p = NodePath.Check(path); !string.Equals(p, "/", StringComparison.Ordinal) && !Directory.Exists(Map(p)); p = NodePath.Parent(p))
        {
            missing.Push(p);
        }

        foreach (var p in missing)
        {
            try
            {
                // the requested mode for the leaf; parents made on the way get the usual 0755
                Directory.CreateDirectory(Map(p), string.Equals(p, path, StringComparison.Ordinal) ? mode : NodePath.DefaultDirectoryMode);
            }
            catch (Exception e) when (TargetFault.IsHostFault(e))
            {
                throw TargetFault.Explain(e, Map(p), directory: true);
            }
        }
    }

    /// <inheritdoc />
    public async Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        var parent = NodePath.Parent(path);
        CreateDirectory(parent, NodePath.DefaultDirectoryMode);
        var target = Map(path);
        try
        {
            if (!durable)
            {
                File.Delete(target);
                await WriteNewAsync(target, content, mode, cancellationToken);
                return;
            }

            await AtomicFile.WriteAsync(target, content, mode, cancellationToken);
        }
        catch (Exception e) when (TargetFault.IsHostFault(e))
        {
            throw TargetFault.Explain(e, target, directory: false);
        }
    }

    static async Task WriteNewAsync(string file, ReadOnlyMemory<byte> content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        // created with the final mode, so a secret is never readable by others, not even for a moment
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode };
        await using (var stream = new FileStream(file, options))
        {
            await stream.WriteAsync(content, cancellationToken);
        }

        // the umask may have narrowed the create mode; set it exactly
        File.SetUnixFileMode(file, mode);
    }
}
