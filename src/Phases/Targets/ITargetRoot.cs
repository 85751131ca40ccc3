namespace Kiln.Phases.Targets;

/// <summary>
/// Everything a phase may do on disk, with absolute node paths (<c>/etc/kubernetes/pki/ca.crt</c>) and
/// explicit modes. The root maps node paths to a real place: the host, a staging directory, or memory.
/// </summary>
public interface ITargetRoot
{
    /// <summary>Whether a file exists at the node path.</summary>
    bool Exists(string path);

    /// <summary>The file's bytes; throws <see cref="FileNotFoundException"/> when absent.</summary>
    byte[] ReadAllBytes(string path);

    /// <summary>Writes a file atomically (a crash never leaves half a file) with exactly this mode.</summary>
    Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, UnixFileMode mode, CancellationToken cancellationToken);

    /// <summary>Creates a directory and its parents; a directory it creates gets this mode.</summary>
    void CreateDirectory(string path, UnixFileMode mode);

    /// <summary>The names of the files directly in a directory, sorted ordinally; empty when it does not exist.</summary>
    IReadOnlyList<string> ListFiles(string directory);

    /// <summary>Whether a directory exists and holds anything (a file or a directory), as kubeadm's DirAvailable checks ask.</summary>
    bool HasEntries(string directory);

    /// <summary>Removes a file or a directory tree; returns the node paths removed (empty when nothing was there).</summary>
    IReadOnlyList<string> Delete(string path);

    /// <summary>
    /// Unmounts every filesystem mounted at or under the node path, deepest first (kubeadm reset does this for the
    /// kubelet's directory before removing it); returns the node paths unmounted. Throws <see cref="IOException"/>
    /// naming the mount point when one cannot be unmounted (busy, or not allowed).
    /// </summary>
    IReadOnlyList<string> Unmount(string path);

    /// <summary>Where the node path really is, for messages (<c>/mnt/root/etc/kubernetes</c>, <c>memory:/etc/...</c>).</summary>
    string Describe(string path);
}
