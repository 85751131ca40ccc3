using System.Security.Cryptography;

namespace Kiln.ImageBuilder.Tree;

/// <summary>Reads a staging directory into canonical tree entries (sorted by path, owned by root), the manifest's file list.</summary>
public static class NodeTree
{
    public static IReadOnlyList<TreeEntry> Scan(string staging)
    {
        var entries = new List<TreeEntry>();
        foreach (var full in System.IO.Directory.EnumerateFileSystemEntries(staging, "*", SearchOption.AllDirectories))
        {
            var path = "/" + System.IO.Path.GetRelativePath(staging, full).Replace('\\', '/');
            var info = new FileInfo(full);
            if (info.LinkTarget is not null)
            {
                throw new Tools.ImageBuildException($"{path} is a symbolic link; the node tree holds only files and directories");
            }

            var mode = (int)File.GetUnixFileMode(full);
            if (System.IO.Directory.Exists(full))
            {
                entries.Add(new TreeEntry(path, TreeEntry.Directory, mode, 0, 0, 0, null));
                continue;
            }

            // configs, keys and certificates are small and read whole; a large file (the image payload) is only hashed
            if (info.Length > SecretContent.MaxSize)
            {
                using var stream = File.OpenRead(full);
                entries.Add(new TreeEntry(path, TreeEntry.File, mode, 0, 0, info.Length, Convert.ToHexStringLower(SHA256.HashData(stream))));
                continue;
            }

            var content = File.ReadAllBytes(full);
            var secret = SecretContent.Holds(content);
            if (secret && (mode & 0b000_111_111) != 0)
            {
                throw new Tools.ImageBuildException($"{path} holds a key or a credential but its mode is {Convert.ToString(mode, 8)}: the image would let anyone read it");
            }

            entries.Add(new TreeEntry(path, TreeEntry.File, mode, 0, 0, info.Length, Convert.ToHexStringLower(SHA256.HashData(content))) { Secret = secret });
        }

        return entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
    }
}
