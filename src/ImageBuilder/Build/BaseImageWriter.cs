using Kiln.ImageBuilder.Containers;
using Kiln.ImageBuilder.Disk;
using Kiln.ImageBuilder.Filesystems;
using Kiln.ImageBuilder.Manifest;
using Kiln.ImageBuilder.Recipes;
using Kiln.ImageBuilder.Tools;
using Kiln.ImageBuilder.Tree;

namespace Kiln.ImageBuilder.Build;

/// <summary>
/// Writes the node tree into the ext4 partition of an existing raw or qcow2 GPT disk, chosen by its label, with
/// <c>debugfs</c>: missing directories are made, the tree's files written or replaced; nothing else is touched.
/// </summary>
public static class BaseImageWriter
{
    public static async Task<(Gpt, IReadOnlyList<ManifestPartition>)> WriteAsync(ToolRunner tools, BaseImage baseImage, string raw, string staging,
        IReadOnlyList<TreeEntry> tree, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(baseImage);
        if (!File.Exists(baseImage.Path))
        {
            throw new ImageBuildException($"the base image {baseImage.Path} does not exist");
        }

        if (IsQcow2(baseImage.Path))
        {
            PrivateFile.Prepare(raw);
            await tools.RunCheckedAsync("qemu-img", ["convert", "-q", "-f", ImageFormats.Of(ImageFormat.Qcow2).QemuName, "-O", "raw", baseImage.Path, raw], ct);
        }
        else
        {
            await using var input = File.OpenRead(baseImage.Path);
            await using var output = PrivateFile.Open(raw, FileMode.Create);
            output.SetLength(input.Length);
            Clusters.CopySparse(input, output, 0);
        }

        Gpt gpt;
        await using (var disk = File.OpenRead(raw))
        {
            var (table, problems) = GptReader.Read(disk);
            if (table is null || problems.Count > 0)
            {
                throw new ImageBuildException($"the base image {baseImage.Path} has no valid GPT: {string.Join("; ", problems)}");
            }

            gpt = table;
        }

        var index = gpt.Partitions.ToList().FindIndex(p => string.Equals(p.Name, baseImage.Partition, StringComparison.Ordinal));
        if (index < 0)
        {
            throw new ImageBuildException($"the base image has no partition labelled '{baseImage.Partition}' (it has: {string.Join(", ", gpt.Partitions.Select(p => p.Name))})");
        }

        var part = gpt.Partitions[index];
        var device = $"{raw}?offset={part.Offset}";
        // the tree's paths that already exist, with their debugfs type (regular, directory, ...)
        var existing = await Debugfs.StatAsync(tools, device, tree.Select(e => e.Path), ct);
        var commands = new List<string>();
        var touched = new List<TreeEntry>();
        foreach (var e in tree)
        {
            if (string.Equals(e.Type, TreeEntry.Directory, StringComparison.Ordinal))
            {
                if (existing.TryGetValue(e.Path, out var stat))
                {
                    if (!string.Equals(stat.Type, "directory", StringComparison.Ordinal))
                    {
                        throw new ImageBuildException($"{e.Path} in the base image is a {stat.Type}, not a directory");
                    }

                    continue;
                }

                commands.Add($"mkdir \"{e.Path}\"");
            }
            else
            {
                if (existing.ContainsKey(e.Path))
                {
                    commands.Add($"rm \"{e.Path}\"");
                }

                commands.Add($"write \"{Path.Combine(staging, e.Path.TrimStart('/'))}\" \"{e.Path}\"");
            }

            touched.Add(e);
        }

        await new Ext4Builder(tools).NormaliseAsync(device, touched, ct, includeRoot: false, prelude: commands);
        var partitions = gpt.Partitions.Select((p, i) => new ManifestPartition
        {
            Number = i + 1, Label = p.Name, Type = p.Type.ToString(), Id = p.Id.ToString(), FirstLba = p.FirstLba, LastLba = p.LastLba,
            Filesystem = i == index ? "ext4" : "unknown", Node = i == index, Complete = false,
        }).ToList();
        return (gpt, partitions);
    }

    static bool IsQcow2(string path)
    {
        using var s = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return s.Read(magic) == 4 && magic.SequenceEqual((ReadOnlySpan<byte>)[0x51, 0x46, 0x49, 0xFB]);
    }
}
