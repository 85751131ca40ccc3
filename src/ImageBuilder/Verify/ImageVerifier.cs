using System.Text.Json;
using Kiln.ImageBuilder.Disk;
using Kiln.ImageBuilder.Manifest;
using Kiln.ImageBuilder.Recipes;
using Kiln.ImageBuilder.Tools;

namespace Kiln.ImageBuilder.Verify;

/// <summary>
/// Checks an image against its manifest with independent readers: our GPT reader and <c>sgdisk -v</c> (both of its
/// streams: it exits 0 on a bad backup header), <c>e2fsck -fn</c>, <c>debugfs stat</c> and <c>rdump</c> for every file,
/// and <c>qemu-img check</c> for qcow2, VHDX and VMDK.
/// </summary>
public static partial class ImageVerifier
{
    public static string DefaultManifest(string image)
    {
        var dir = Path.GetDirectoryName(image) ?? ".";
        return Path.Combine(dir, Path.GetFileNameWithoutExtension(image) + ".manifest.json");
    }

    /// <summary>Checks <paramref name="image"/> against its manifest; with <paramref name="key"/>, the manifest's signature first.</summary>
    public static async Task<VerifyReport> VerifyAsync(string image, string manifestPath, CancellationToken cancellationToken, System.Security.Cryptography.ECDsa? key = null)
    {
        var checks = new List<string>();
        var problems = new List<string>();
        ImageManifest manifest;
        var bytes = await File.ReadAllBytesAsync(manifestPath, cancellationToken);
        CheckSignature(manifestPath, bytes, key, checks, problems);
        try
        {
            manifest = ImageManifest.FromJson(System.Text.Encoding.UTF8.GetString(bytes));
        }
        catch (JsonException e)
        {
            return new VerifyReport(checks, [$"manifest {manifestPath}: not a Kiln image manifest ({e.Message})"]);
        }

        var tools = new ToolRunner(manifest.Epoch);
        var scratch = Directory.CreateTempSubdirectory("kiln-verify-").FullName;
        try
        {
            await CheckOutputHashAsync(image, manifest, checks, problems, cancellationToken);
            var raw = await RawOfAsync(tools, image, scratch, checks, problems, cancellationToken);
            if (raw is null)
            {
                return new VerifyReport(checks, problems);
            }

            await CheckPartitionTableAsync(tools, raw, manifest, checks, problems, cancellationToken);
            foreach (var p in manifest.Disk.Partitions.Where(p => string.Equals(p.Filesystem, "ext4", StringComparison.Ordinal)))
            {
                var device = $"{raw}?offset={p.FirstLba * Gpt.SectorSize}";
                var fsck = await tools.RunAsync("e2fsck", ["-fn", device], cancellationToken);
                if (fsck.ExitCode != 0)
                {
                    problems.Add($"partition {p.Number} ({p.Label}): e2fsck -fn exit {fsck.ExitCode}: {Lines(fsck.Out + fsck.Err)}");
                    continue;
                }

                checks.Add($"partition {p.Number} ({p.Label}): e2fsck clean");
                if (p.Node)
                {
                    await CheckFilesAsync(tools, device, manifest, p, scratch, checks, problems, cancellationToken);
                }
            }
        }
        catch (ImageBuildException e)
        {
            problems.Add(e.Message);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return new VerifyReport(checks, problems);
    }

    static void CheckSignature(string manifestPath, byte[] manifest, System.Security.Cryptography.ECDsa? key, List<string> checks, List<string> problems)
    {
        var path = ManifestSignature.PathFor(manifestPath);
        var name = Path.GetFileName(manifestPath);
        if (key is null)
        {
            if (File.Exists(path))
            {
                checks.Add($"{name}: signed ({Path.GetFileName(path)}), signature not checked: pass the public key to check it");
            }

            return;
        }

        if (!File.Exists(path))
        {
            problems.Add($"{name}: not signed (no {Path.GetFileName(path)}), but a key to check it was given");
        }
        else if (ManifestSignature.Verify(key, manifest, File.ReadAllBytes(path)))
        {
            checks.Add($"{name}: signature valid ({Path.GetFileName(path)})");
        }
        else
        {
            problems.Add($"{name}: the signature {Path.GetFileName(path)} does not verify with the given key: the manifest was changed or signed by another key");
        }
    }

    static async Task CheckOutputHashAsync(string image, ImageManifest manifest, List<string> checks, List<string> problems, CancellationToken ct)
    {
        var entry = manifest.Outputs.FirstOrDefault(o => string.Equals(o.File, Path.GetFileName(image), StringComparison.Ordinal));
        if (entry is null)
        {
            return;
        }

        var mode = File.GetUnixFileMode(image);
        if (entry.Secret == true && (mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != UnixFileMode.None)
        {
            problems.Add($"{entry.File}: holds keys or credentials but others may read it (mode {Build.ImageBuild.Octal((int)mode)}); chmod 600 it");
        }

        var sha = await Task.Run(() => Containers.Clusters.Sha256(image).File, ct);
        if (string.Equals(sha, entry.Sha256, StringComparison.Ordinal))
        {
            checks.Add($"{entry.File}: sha256 matches the manifest");
        }
        else
        {
            problems.Add($"{entry.File}: sha256 {sha} differs from the manifest's {entry.Sha256}");
        }
    }

    static async Task<string?> RawOfAsync(ToolRunner tools, string image, string scratch, List<string> checks, List<string> problems, CancellationToken ct)
    {
        var info = ImageFormats.OfFile(image);
        if (info is null)
        {
            problems.Add($"{Path.GetFileName(image)}: unknown image format '{Path.GetExtension(image)}' ({ImageFormats.Allowed})");
            return null;
        }

        if (info.Format == ImageFormat.Raw)
        {
            return image;
        }

        if (info.QemuCheck)
        {
            // qemu-img check exits non-zero on corruption and leaks
            var check = await tools.RunAsync("qemu-img", ["check", "-f", info.QemuName, image], ct);
            if (check.ExitCode != 0)
            {
                problems.Add($"{Path.GetFileName(image)}: qemu-img check exit {check.ExitCode}: {Lines(check.Out + check.Err)}");
                return null;
            }

            checks.Add($"{Path.GetFileName(image)}: qemu-img check clean");
        }

        var raw = Path.Combine(scratch, "image.raw");
        await tools.RunCheckedAsync("qemu-img", ["convert", "-q", "-f", info.QemuName, "-O", "raw", image, raw], ct);
        return raw;
    }

    static string Lines(string text) => string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(4));
}
