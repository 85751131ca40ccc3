using System.Globalization;
using System.Text;
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
    public async Task NormaliseAsync(string device, IReadOnlyList<TreeEntry> tree, CancellationToken cancellationToken, bool includeRoot = true, string prelude = "")
    {
        var epoch = tools.Epoch.ToString(CultureInfo.InvariantCulture);
        var commands = new StringBuilder(prelude);
        void Inode(string path, int mode, string type)
        {
            var typeBits = type == TreeEntry.Directory ? 0x4000 : 0x8000;
            commands.Append(CultureInfo.InvariantCulture, $"sif \"{path}\" mode 0{Convert.ToString(typeBits | mode, 8)}\n");
            foreach (var field in new[] { "uid", "gid" })
            {
                commands.Append(CultureInfo.InvariantCulture, $"sif \"{path}\" {field} 0\n");
            }

            foreach (var field in new[] { "atime", "ctime", "mtime", "crtime" })
            {
                commands.Append(CultureInfo.InvariantCulture, $"sif \"{path}\" {field} @{epoch}\n");
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

        commands.Append("ssv kbytes_written 0\n");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, commands.ToString(), cancellationToken);
            var result = await tools.RunCheckedAsync("debugfs", ["-w", "-f", file, device], cancellationToken);
            // debugfs -f exits 0 after a failed command; its complaints are the lines that do not echo a command
            var problems = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(l => !l.StartsWith("debugfs ", StringComparison.Ordinal)).ToList();
            if (problems.Count > 0)
            {
                throw new ImageBuildException($"debugfs could not normalise the filesystem: {string.Join(" / ", problems.Take(3))}");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
