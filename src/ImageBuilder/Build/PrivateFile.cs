namespace Kiln.ImageBuilder.Build;

/// <summary>
/// Disk images hold a node's keys and tokens, so every image file is 0600 from its first byte, whatever the umask: made
/// so before anything is written into it (qemu-img keeps the mode of a file it writes into by name).
/// </summary>
internal static class PrivateFile
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates or empties <paramref name="path"/> as a 0600 file, for a tool that writes it by name.</summary>
    public static void Prepare(string path)
    {
        using var stream = Open(path, FileMode.Create);
    }

    /// <summary>Opens <paramref name="path"/> for writing as a 0600 file (an existing file is made 0600 too).</summary>
    public static FileStream Open(string path, FileMode mode)
    {
        var stream = new FileStream(path, new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, UnixCreateMode = Mode });
        File.SetUnixFileMode(stream.SafeFileHandle, Mode);
        return stream;
    }
}
