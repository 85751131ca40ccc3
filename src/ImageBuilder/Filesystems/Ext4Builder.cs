using System.Globalization;
using Kiln.ImageBuilder.Tools;
using Kiln.ImageBuilder.Tree;

namespace Kiln.ImageBuilder.Filesystems;

/// <summary>
/// Fills an ext4 filesystem inside a disk file at an offset with <c>mke2fs -d</c>, then normalises every inode with
/// <c>debugfs</c> (owner root, the tree's modes, every time the epoch), the deterministic recipe of imaging.md B.1.
/// </summary>
public sealed class Ext4Builder(ToolRunner tools)
{
    public async Task CreateAsync(string disk, long offset, long size, string label, Guid uuid, Guid hashSeed, string staging,
        IReadOnlyList<TreeEntry> tree, CancellationToken cancellationToken)
    {
        await tools.RunCheckedAsync("mke2fs", [
            "-q", "-F", "-t", "ext4", "-b", "4096", "-U", uuid.ToString(), "-L", label,
            "-O", "^orphan_file,^metadata_csum_seed",
            "-E", $"nodiscard,lazy_itable_init=0,lazy_journal_init=0,hash_seed={hashSeed},root_owner=0:0,offset={offset}",
            "-d", staging, disk, $"{size / 1024}k"], cancellationToken);
        await NormaliseAsync($"{disk}?offset={offset}", tree, cancellationToken);
    }

    /// <summary>Runs debugfs commands (<paramref name="prelude"/>, e.g. writes into a base image), then sets owner, mode and times of every tree path, the root and lost+found, then zeroes the write counter.</summary>
    public async Task NormaliseAsync(string device, IReadOnlyList<TreeEntry> tree, CancellationToken cancellationToken, bool includeRoot = true,
        IReadOnlyList<string>? prelude = null)
    {
        var epoch = tools.Epoch.ToString(CultureInfo.InvariantCulture);
        var commands = new List<string>(prelude ?? []);
        void Inode(string path, int mode, string type)
        {
            var typeBits = string.Equals(type, TreeEntry.Directory, StringComparison.Ordinal) ? 0x4000 : 0x8000;
            commands.Add($"sif \"{path}\" mode 0{Convert.ToString(typeBits | mode, 8)}");
            foreach (var field in new[] { "uid", "gid" })
            {
                commands.Add($"sif \"{path}\" {field} 0");
            }

            foreach (var field in new[] { "atime", "ctime", "mtime", "crtime" })
            {
                commands.Add($"sif \"{path}\" {field} @{epoch}");
            }
        }

        if (includeRoot)
        {
            Inode("/", 0x1ED, TreeEntry.Directory);
            Inode("/lost+found", 0x1C0, TreeEntry.Directory);
        }
        foreach (var e in tree)
        {
            Inode(e.Path, e.Mode, e.Type);
        }

        commands.Add("ssv kbytes_written 0");
        await Debugfs.RunCheckedAsync(tools, device, commands, write: true, "normalise the filesystem", cancellationToken);
    }
}
