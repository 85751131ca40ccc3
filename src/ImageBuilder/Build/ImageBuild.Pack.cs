using Kiln.ImageBuilder.Containers;
using Kiln.ImageBuilder.Disk;
using Kiln.ImageBuilder.Filesystems;
using Kiln.ImageBuilder.Manifest;
using Kiln.ImageBuilder.Recipes;
using Kiln.ImageBuilder.Tools;
using Kiln.ImageBuilder.Tree;
using Kiln.Phases.Targets;

namespace Kiln.ImageBuilder.Build;

public static partial class ImageBuild
{
    const long MiB = 1024 * 1024;

    static async Task<IReadOnlyList<ManifestOutput>> PackAsync(ImageBuildOptions options, BuildState state, string staging, string manifestPath,
        Task<IReadOnlyDictionary<string, string>> versions, IReadOnlyList<ManifestImage> images, CancellationToken ct)
    {
        var recipe = options.Recipe;
        var tools = new ToolRunner(options.Epoch);
        var seed = state.SeedFor(recipe.Name);
        var tree = NodeTree.Scan(staging);
        var formats = options.Formats ?? recipe.Formats;
        var rawPath = Path.Combine(options.OutputDirectory, $"{recipe.Name}.raw");
        var rawWork = Path.Combine(options.OutputDirectory, $".{recipe.Name}.raw.partial");
        var pending = new List<(string Temp, string Final)>();
        try
        {
            var (gpt, partitions) = recipe.Base is { } b
                ? await BaseImageWriter.WriteAsync(tools, b, rawWork, staging, tree, ct)
                : await FreshDiskAsync(tools, recipe, seed, rawWork, staging, tree, ct);

            // the disk is final: hash it on the other core while the checks and the other formats go on
            var vhdFooter = formats.Contains(ImageFormat.Vhd)
                ? VhdWriter.Footer(gpt.Sectors * Gpt.SectorSize, DateTimeOffset.FromUnixTimeSeconds(options.Epoch), seed.Derive("vhd"))
                : null;
            var hashes = formats.Any(f => f is ImageFormat.Raw or ImageFormat.Vhd)
                ? Task.Run(() => Clusters.Sha256(rawWork, vhdFooter), ct)
                : Task.FromResult<(string, string?)>(("", null));
            foreach (var p in partitions.Where(p => string.Equals(p.Filesystem, "ext4", StringComparison.Ordinal)))
            {
                var check = await tools.RunAsync("e2fsck", ["-fn", $"{rawWork}?offset={p.FirstLba * Gpt.SectorSize}"], ct);
                if (check.ExitCode != 0)
                {
                    throw new ImageBuildException($"e2fsck found problems in partition {p.Label} (exit {check.ExitCode}): {check.Out.Trim()}");
                }
            }

            // the disk holds the node tree now: the staging copy goes while the hash finishes
            Directory.Delete(staging, recursive: true);
            var secret = tree.Any(e => e.Secret) ? true : (bool?)null;
            var outputs = (await WriteFormatsAsync(tools, formats, rawWork, options.OutputDirectory, recipe.Name, vhdFooter, hashes, pending, ct))
                .Select(o => o with { Secret = secret }).ToList();
            if (formats.Contains(ImageFormat.Raw))
            {
                pending.Insert(0, (rawWork, rawPath));
            }

            var manifest = new ImageManifest
            {
                Name = recipe.Name,
                Role = recipe.Role == NodeRole.ControlPlane ? "control-plane" : "worker",
                Epoch = options.Epoch,
                Seed = seed.Hex,
                BaseImage = recipe.Base is { } bi ? Path.GetFileName(bi.Path) : null,
                Tools = await versions,
                Disk = new ManifestDisk { Size = gpt.Sectors * Gpt.SectorSize, Id = gpt.DiskId.ToString(), Partitions = partitions },
                Files = tree.Select(e => new ManifestFile(e.Path, e.Type, Octal(e.Mode), e.Uid, e.Gid, e.Size, e.Sha256) { Secret = e.Secret ? true : null }).ToList(),
                Outputs = outputs,
                Images = images.Count > 0 ? images : null,
            };
            Publish(pending, manifestPath, manifest.ToJson(), options.SigningKey);
            return outputs;
        }
        catch (Exception e) when (TargetFault.IsHostFault(e))
        {
            throw TargetFault.Explain(e, options.OutputDirectory, directory: true, what: $"the image {recipe.Name}");
        }
        finally
        {
            // a failed build leaves no partial output behind (a killed one leaves hidden temp files that the next build replaces)
            File.Delete(rawWork);
            foreach (var (temp, _) in pending)
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Puts the finished outputs in place so that an image at its final path always matches the manifest beside it, even
    /// when the process is killed half-way: the old images and signature go first, then the new manifest and its
    /// signature, then each image by a rename. An old signature never sits beside a new manifest.
    /// </summary>
    static void Publish(IReadOnlyList<(string Temp, string Final)> outputs, string manifestPath, string manifestJson, System.Security.Cryptography.ECDsa? signingKey)
    {
        foreach (var (temp, final) in outputs)
        {
            AtomicFile.Flush(temp);
            File.Delete(final);
        }

        var signature = ManifestSignature.PathFor(manifestPath);
        File.Delete(signature);
        var bytes = System.Text.Encoding.UTF8.GetBytes(manifestJson);
        AtomicFile.Write(manifestPath, bytes, ManifestMode);
        if (signingKey is not null)
        {
            AtomicFile.Write(signature, ManifestSignature.Sign(signingKey, bytes), ManifestMode);
        }

        foreach (var (temp, final) in outputs)
        {
            File.Move(temp, final, overwrite: true);
        }
    }

    const UnixFileMode ManifestMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    static async Task<(Gpt, IReadOnlyList<ManifestPartition>)> FreshDiskAsync(ToolRunner tools, ImageRecipe recipe, BuildSeed seed, string raw,
        string staging, IReadOnlyList<TreeEntry> tree, CancellationToken ct)
    {
        var sectors = recipe.Disk.Size / Gpt.SectorSize;
        var next = MiB / Gpt.SectorSize;
        var lastAligned = (Gpt.LastUsableOf(sectors) + 1) / (MiB / Gpt.SectorSize) * (MiB / Gpt.SectorSize);
        var entries = new List<GptPartition>();
        foreach (var p in recipe.Disk.Partitions)
        {
            var end = p.Size == 0 ? lastAligned : next + (p.Size / Gpt.SectorSize);
            entries.Add(new GptPartition(p.Type, seed.Derive($"partition:{p.Label}"), next, end - 1, p.Label));
            next = end;
        }

        var gpt = new Gpt(seed.Derive("disk"), sectors, entries);
        await using (var disk = PrivateFile.Open(raw, FileMode.Create))
        {
            disk.SetLength(recipe.Disk.Size);
            gpt.Write(disk);
        }

        var ext4 = new Ext4Builder(tools);
        var empty = Directory.CreateTempSubdirectory("kiln-empty-").FullName;
        var result = new List<ManifestPartition>();
        try
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var spec = recipe.Disk.Partitions[i];
                var e = entries[i];
                Guid? fsUuid = null;
                if (string.Equals(spec.Filesystem, "ext4", StringComparison.Ordinal))
                {
                    fsUuid = seed.Derive($"filesystem:{spec.Label}");
                    await ext4.CreateAsync(raw, e.Offset, e.Length, spec.Label, fsUuid.Value, seed.Derive($"hash-seed:{spec.Label}"),
                        spec.HoldsNode ? staging : empty, spec.HoldsNode ? tree : [], ct);
                }

                result.Add(new ManifestPartition
                {
                    Number = i + 1, Label = spec.Label, Type = spec.Type.ToString(), Id = e.Id.ToString(), FirstLba = e.FirstLba, LastLba = e.LastLba,
                    Filesystem = spec.Filesystem, FilesystemUuid = fsUuid?.ToString(), Node = spec.HoldsNode, Complete = spec.HoldsNode,
                });
            }
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }

        return (gpt, result);
    }

    static async Task<List<ManifestOutput>> WriteFormatsAsync(ToolRunner tools, IReadOnlyList<ImageFormat> formats, string raw, string output, string name,
        byte[]? vhdFooter, Task<(string Raw, string? Vhd)> hashes, List<(string Temp, string Final)> pending, CancellationToken ct)
    {
        await using var input = new FileStream(raw, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var used = formats.Any(f => f is ImageFormat.Qcow2 or ImageFormat.Vhd) ? Clusters.NonZero(input, Qcow2Writer.ClusterSize) : null;
        var outputs = new List<(ImageFormat Format, ManifestOutput Output)>();
        foreach (var format in formats)
        {
            var info = ImageFormats.Of(format);
            var path = Path.Combine(output, $"{name}.{info.Name}");
            // each format goes to a hidden temp file; the caller renames them into place once the manifest is written
            var temp = format == ImageFormat.Raw ? raw : AtomicFile.TempFor(path);
            if (format != ImageFormat.Raw)
            {
                pending.Add((temp, path));
            }

            switch (format)
            {
                case ImageFormat.Raw:
                    break;
                case ImageFormat.Qcow2:
                {
                    await using var qcow2 = PrivateFile.Open(temp, FileMode.CreateNew);
                    Qcow2Writer.Write(input, qcow2, used);
                    break;
                }

                case ImageFormat.Vhd:
                {
                    await using var vhd = PrivateFile.Open(temp, FileMode.CreateNew);
                    VhdWriter.Write(input, vhd, vhdFooter!, used);
                    break;
                }

                default:
                    // qemu-img stamps random ids into VHDX and VMDK: these outputs are marked not reproducible
                    PrivateFile.Prepare(temp);
                    await tools.RunCheckedAsync("qemu-img", ["convert", "-q", "-f", "raw", "-O", info.QemuName, raw, temp], ct);
                    break;
            }

            var sha = format is ImageFormat.Raw or ImageFormat.Vhd ? "" : Clusters.Sha256(temp).File;
            outputs.Add((format, new ManifestOutput(Path.GetFileName(path), info.Name, new FileInfo(temp).Length, sha, !info.ByQemuImg)));
        }

        // the raw disk's hashes, from the other core, come last so that no other output waits for them
        var (rawSha, vhdSha) = await hashes;
        return [.. outputs.Select(o => o.Format switch
        {
            ImageFormat.Raw => o.Output with { Sha256 = rawSha },
            ImageFormat.Vhd => o.Output with { Sha256 = vhdSha! },
            _ => o.Output,
        })];
    }

    static async Task<IReadOnlyDictionary<string, string>> ToolVersionsAsync(ImageBuildOptions options, CancellationToken ct)
    {
        var tools = new ToolRunner(options.Epoch);
        var formats = options.Formats ?? options.Recipe.Formats;
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var mke2fs = await tools.RunAsync("mke2fs", ["-V"], ct);
        versions["e2fsprogs"] = FirstLine(mke2fs.Err + mke2fs.Out);
        if (formats.Any(f => ImageFormats.Of(f).ByQemuImg))
        {
            var qemu = await tools.RunAsync("qemu-img", ["--version"], ct);
            versions["qemu-img"] = FirstLine(qemu.Out);
        }

        return versions;
    }

    static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";

    internal static string Octal(int mode) => "0" + Convert.ToString(mode, 8).PadLeft(3, '0');
}
