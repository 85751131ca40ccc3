namespace Kiln.Phases.Targets;

/// <summary>
/// Files in memory (tests, <c>--dry-run</c>). Reads fall through to an optional lower root, so a dry run
/// sees the node's existing files but writes nothing.
/// </summary>
/// <param name="lower">Read-only root underneath, or null.</param>
public sealed class MemoryRoot(ITargetRoot? lower = null) : ITargetRoot
{
    readonly SortedDictionary<string, MemoryEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>A file or directory held in memory.</summary>
    /// <param name="Content">File bytes; null for a directory.</param>
    /// <param name="Mode">Unix mode.</param>
    public sealed record MemoryEntry(byte[]? Content, UnixFileMode Mode);

    /// <summary>Everything written, by node path, in path order.</summary>
    public IReadOnlyDictionary<string, MemoryEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return new SortedDictionary<string, MemoryEntry>(_entries, StringComparer.Ordinal);
            }
        }
    }

    /// <inheritdoc />
    public bool Exists(string path)
    {
        lock (_entries)
        {
            return _entries.TryGetValue(NodePath.Check(path), out var e) ? e.Content is not null : lower?.Exists(path) == true;
        }
    }

    /// <inheritdoc />
    public byte[] ReadAllBytes(string path)
    {
        lock (_entries)
        {
            if (_entries.TryGetValue(NodePath.Check(path), out var e) && e.Content is not null)
            {
                return e.Content;
            }
        }

        return lower is not null ? lower.ReadAllBytes(path) : throw new FileNotFoundException($"{path} not found in memory root", path);
    }

    /// <inheritdoc />
    /// <remarks>Only what was written to memory is removed; the lower root is never touched.</remarks>
    public IReadOnlyList<string> Delete(string path)
    {
        var prefix = NodePath.Check(path).TrimEnd('/') + "/";
        lock (_entries)
        {
            var removed = _entries.Keys.Where(k => string.Equals(k, path, StringComparison.Ordinal) || k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            removed.ForEach(k => _entries.Remove(k));
            return removed;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Unmount(string path) => [];

    /// <inheritdoc />
    public IReadOnlyList<string> ListFiles(string directory)
    {
        var prefix = NodePath.Check(directory).TrimEnd('/') + "/";
        lock (_entries)
        {
            var mine = _entries.Where(e => e.Value.Content is not null && e.Key.StartsWith(prefix, StringComparison.Ordinal)
                && !e.Key[prefix.Length..].Contains('/', StringComparison.Ordinal)).Select(e => e.Key[prefix.Length..]);
            return mine.Concat(lower?.ListFiles(directory) ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <inheritdoc />
    public bool HasEntries(string directory)
    {
        var prefix = NodePath.Check(directory).TrimEnd('/') + "/";
        lock (_entries)
        {
            return _entries.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)) || lower?.HasEntries(directory) == true;
        }
    }

    /// <inheritdoc />
    public string Describe(string path) => lower is null ? $"memory:{path}" : lower.Describe(path);

    /// <inheritdoc />
    public void CreateDirectory(string path, UnixFileMode mode)
    {
        lock (_entries)
        {
            for (var p = NodePath.Check(path); !string.Equals(p, "/", StringComparison.Ordinal); p = NodePath.Parent(p))
            {
                _entries.TryAdd(p, new MemoryEntry(null, string.Equals(p, path, StringComparison.Ordinal) ? mode : NodePath.DefaultDirectoryMode));
            }
        }
    }

    /// <inheritdoc />
    public Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        CreateDirectory(NodePath.Parent(path), NodePath.DefaultDirectoryMode);
        lock (_entries)
        {
            _entries[NodePath.Check(path)] = new MemoryEntry(content.ToArray(), mode);
        }

        return Task.CompletedTask;
    }
}
