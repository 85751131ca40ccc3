using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Kiln.ImageBuilder.Containers;

/// <summary>
/// The parts of a sparse file that hold data, found with lseek's SEEK_DATA and SEEK_HOLE: a disk image is mostly holes,
/// which read as zeros without being read at all. Where the file system cannot tell, the whole file is one extent.
/// </summary>
public static partial class FileExtents
{
    const int SeekData = 3;
    const int SeekHole = 4;
    const int NoSuchAddress = 6; // ENXIO: no data at or after the offset

    /// <summary>The data extents of an open file, in order, as (start, end) byte offsets.</summary>
    public static IEnumerable<(long Start, long End)> Data(SafeFileHandle file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var length = RandomAccess.GetLength(file);
        long at = 0;
        while (at < length)
        {
            var data = LSeek(file, at, SeekData);
            if (data < 0)
            {
                if (Marshal.GetLastPInvokeError() != NoSuchAddress)
                {
                    yield return (at, length);
                }

                yield break;
            }

            var hole = LSeek(file, data, SeekHole);
            var end = hole < 0 ? length : Math.Min(hole, length);
            yield return (data, end);
            at = end;
        }
    }

    /// <summary>Calls <paramref name="chunk"/> with every byte of the file in order, in pieces of at most <paramref name="buffer"/>'s length; holes come from a zero buffer.</summary>
    public static void ReadAll(SafeFileHandle file, byte[] buffer, Action<ReadOnlySpan<byte>> chunk)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(chunk);
        var zeros = new byte[buffer.Length];
        var length = RandomAccess.GetLength(file);
        long at = 0;
        // the last (length, length) extent brings the hole after the last data up to the end
        foreach (var (start, end) in Data(file).Append((length, length)))
        {
            for (; at < start; at += Math.Min(zeros.Length, start - at))
            {
                chunk(zeros.AsSpan(0, (int)Math.Min(zeros.Length, start - at)));
            }

            while (at < end)
            {
                var n = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
                if (n == 0)
                {
                    return;
                }

                chunk(buffer.AsSpan(0, n));
                at += n;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long LSeek(SafeFileHandle fd, long offset, int whence);
}
