using System.Security.Cryptography;
using Kiln.ImageBuilder.Build;
using Kiln.ImageBuilder.Disk;
using Kiln.ImageBuilder.Filesystems;
using Kiln.ImageBuilder.Manifest;
using Kiln.ImageBuilder.Tools;

namespace Kiln.ImageBuilder.Verify;

public static partial class ImageVerifier
{
    static async Task CheckPartitionTableAsync(ToolRunner tools, string raw, ImageManifest manifest, List<string> checks, List<string> problems, CancellationToken ct)
    {
        Gpt? gpt;
        IReadOnlyList<string> found;
        await using (var disk = File.OpenRead(raw))
        {
            if (disk.Length != manifest.Disk.Size)
            {
                problems.Add($"disk: {disk.Length} bytes, the manifest says {manifest.Disk.Size}");
            }

            (gpt, found) = GptReader.Read(disk);
        }

        problems.AddRange(found.Select(f => $"partition table: {f}"));
        if (gpt is not null)
        {
            if (!string.Equals(gpt.DiskId.ToString(), manifest.Disk.Id, StringComparison.Ordinal))
            {
                problems.Add($"partition table: disk GUID {gpt.DiskId}, the manifest says {manifest.Disk.Id}");
            }

            if (gpt.Partitions.Count != manifest.Disk.Partitions.Count)
            {
                problems.Add($"partition table: {gpt.Partitions.Count} partitions, the manifest lists {manifest.Disk.Partitions.Count}");
            }

            foreach (var (m, actual) in manifest.Disk.Partitions.Zip(gpt.Partitions))
            {
                var want = (m.Label, m.Type, m.Id, m.FirstLba, m.LastLba);
                var got = (actual.Name, actual.Type.ToString(), actual.Id.ToString(), actual.FirstLba, actual.LastLba);
                if (want != got)
                {
                    problems.Add($"partition {m.Number}: {got}, the manifest says {want}");
                }
            }
        }

        if (!ToolRunner.IsInstalled("sgdisk"))
        {
            // Kiln's own reader checked the table above; the independent second opinion needs gdisk
            if (found.Count == 0)
            {
                checks.Add($"partition table: GPT with {gpt?.Partitions.Count} partition(s) matches the manifest; sgdisk -v skipped: install the Debian package gdisk for an independent check");
            }

            return;
        }

        // sgdisk exits 0 even when it finds problems: read both streams (imaging.md B.4); its "gap" warning about
        // fdisk-made disks is advice, not a problem
        var sgdisk = await tools.RunAsync("sgdisk", ["-v", raw], ct);
        var all = sgdisk.Out + sgdisk.Err;
        if (sgdisk.ExitCode != 0 || !all.Contains("No problems found", StringComparison.Ordinal)
            || all.Contains("Caution", StringComparison.OrdinalIgnoreCase) || all.Contains("Problem:", StringComparison.Ordinal)
            || all.Contains("don't match", StringComparison.Ordinal) || all.Contains("ERROR", StringComparison.Ordinal))
        {
            problems.Add($"partition table: sgdisk -v reports: {Lines(all)}");
        }
        else if (found.Count == 0)
        {
            checks.Add($"partition table: GPT with {gpt?.Partitions.Count} partition(s) matches the manifest; sgdisk -v finds no problems");
        }
    }

    static async Task CheckFilesAsync(ToolRunner tools, string device, ImageManifest manifest, ManifestPartition partition, string scratch,
        List<string> checks, List<string> problems, CancellationToken ct)
    {
        var stats = await Debugfs.StatAsync(tools, device, manifest.Files.Select(f => f.Path), ct);
        var dump = Path.Combine(scratch, "tree");
        Directory.CreateDirectory(dump);
        await tools.RunAsync("debugfs", ["-R", $"rdump / {dump}", device], ct);
        var before = problems.Count;
        foreach (var f in manifest.Files)
        {
            if (!stats.TryGetValue(f.Path, out var s))
            {
                problems.Add($"{f.Path}: missing from the image");
                continue;
            }

            var type = string.Equals(s.Type, "directory", StringComparison.Ordinal) ? "dir" : string.Equals(s.Type, "regular", StringComparison.Ordinal) ? "file" : s.Type;
            var mode = ImageBuild.Octal(s.Mode & 0xFFF);
            if (!string.Equals(type, f.Type, StringComparison.Ordinal))
            {
                problems.Add($"{f.Path}: is a {type}, the manifest says {f.Type}");
                continue;
            }

            if (!string.Equals(mode, f.Mode, StringComparison.Ordinal))
            {
                problems.Add($"{f.Path}: mode {mode}, the manifest says {f.Mode}");
            }

            if (s.Uid != f.Uid || s.Gid != f.Gid)
            {
                problems.Add($"{f.Path}: owner {s.Uid}:{s.Gid}, the manifest says {f.Uid}:{f.Gid}");
            }

            if (!string.Equals(f.Type, "file", StringComparison.Ordinal))
            {
                continue;
            }

            if (s.Size != f.Size)
            {
                problems.Add($"{f.Path}: size {s.Size}, the manifest says {f.Size}");
            }

            var local = Path.Combine(dump, f.Path.TrimStart('/'));
            var sha = File.Exists(local) ? Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(local, ct))) : "(unreadable)";
            if (!string.Equals(sha, f.Sha256, StringComparison.Ordinal))
            {
                problems.Add($"{f.Path}: content sha256 {sha}, the manifest says {f.Sha256}");
            }
        }

        if (partition.Complete)
        {
            var listed = manifest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var extra in Directory.EnumerateFileSystemEntries(dump, "*", SearchOption.AllDirectories)
                .Select(e => "/" + Path.GetRelativePath(dump, e)).Where(p => !string.Equals(p, "/lost+found", StringComparison.Ordinal) && !listed.Contains(p)).Order(StringComparer.Ordinal))
            {
                problems.Add($"{extra}: in the image but not in the manifest");
            }
        }

        if (problems.Count == before)
        {
            checks.Add($"partition {partition.Number} ({partition.Label}): {manifest.Files.Count} paths match the manifest (type, mode, owner, size, sha256)");
        }
    }
}
