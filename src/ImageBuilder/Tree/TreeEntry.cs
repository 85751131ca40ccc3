namespace Kiln.ImageBuilder.Tree;

/// <summary>One path of the node tree as it lands in the image: kind, mode, owner, size and content hash (files only).</summary>
public sealed record TreeEntry(string Path, string Type, int Mode, int Uid, int Gid, long Size, string? Sha256)
{
    public const string File = "file";
    public const string Directory = "dir";

    /// <summary>A file that holds a key or a credential (<see cref="SecretContent"/>).</summary>
    public bool Secret { get; init; }
}
