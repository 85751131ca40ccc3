namespace Kiln.ImageBuilder.Filesystems;

/// <summary>An inode as <c>debugfs stat</c> shows it.</summary>
public sealed record DebugfsStat(string Type, int Mode, int Uid, int Gid, long Size);
