namespace Kiln.TestKit;

/// <summary>Whole directory trees, for tests that copy or clear what a run left.</summary>
public static class DirectoryTree
{
    /// <summary>Copies every file and directory under <paramref name="from"/> to <paramref name="to"/> (created when missing), file modes kept.</summary>
    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }

        foreach (var file in Directory.GetFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
    }

    /// <summary>Removes <paramref name="directory"/> and everything under it, when it exists.</summary>
    public static void Delete(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
