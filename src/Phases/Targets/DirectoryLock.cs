using System.Runtime.InteropServices;

namespace Kiln.Phases.Targets;

/// <summary>
/// An exclusive lock (flock) on a directory, held until disposed or until the process ends, however it ends (SIGKILL
/// too, so no stale lock is ever left): two kiln runs on the same root or image state never interleave their writes.
/// No lock file is written; the lock is on the directory itself.
/// </summary>
public sealed partial class DirectoryLock : IDisposable
{
    const int ReadOnlyDirectory = 0x10000 | 0x80000; // O_RDONLY | O_DIRECTORY | O_CLOEXEC (Linux)
    const int Exclusive = 2 | 4; // LOCK_EX | LOCK_NB
    const int WouldBlock = 11; // EWOULDBLOCK

    int _fd;

    DirectoryLock(int fd) => _fd = fd;

    /// <summary>Takes the lock on an existing directory; null when another process (or another handle) holds it.</summary>
    public static DirectoryLock? TryAcquire(string directory)
    {
        var fd = Open(directory, ReadOnlyDirectory);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open {directory} to lock it: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }

        if (Flock(fd, Exclusive) == 0)
        {
            return new DirectoryLock(fd);
        }

        var error = Marshal.GetLastPInvokeError();
        _ = Close(fd);
        return error == WouldBlock ? null : throw new IOException($"cannot lock {directory}: {Marshal.GetPInvokeErrorMessage(error)}", error);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = Close(_fd);
            _fd = -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
