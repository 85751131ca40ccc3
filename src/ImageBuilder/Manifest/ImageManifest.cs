using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiln.ImageBuilder.Manifest;

#pragma warning disable MA0048 // the image manifest and the records of its JSON shape read together

/// <summary>
/// <c>NAME.manifest.json</c>: what an image holds (every file of the node tree, the partition table, the outputs with
/// their sha256) and what made it (epoch, seed, tool versions); <c>kiln image verify</c> checks an image against it.
/// It holds hashes of secrets, never secrets.
/// </summary>
public sealed record ImageManifest
{
    public int Version { get; init; } = 1;

    public string Name { get; init; } = "";

    public string Role { get; init; } = "";

    public long Epoch { get; init; }

    public string Seed { get; init; } = "";

    public string? BaseImage { get; init; }

    public IReadOnlyDictionary<string, string> Tools { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public ManifestDisk Disk { get; init; } = new();

    public IReadOnlyList<ManifestFile> Files { get; init; } = [];

    public IReadOnlyList<ManifestOutput> Outputs { get; init; } = [];

    /// <summary>The container images of the air-gap payload (absent without one).</summary>
    public IReadOnlyList<ManifestImage>? Images { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, ManifestJson.Default.ImageManifest) + "\n";

    public static ImageManifest FromJson(string json) =>
        JsonSerializer.Deserialize(json, ManifestJson.Default.ImageManifest) ?? throw new JsonException("the manifest is empty");
}

/// <summary>The manifest's JSON form, made at compile time: reflection over these records cost every build about 0.04 s.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageManifest))]
internal sealed partial class ManifestJson : JsonSerializerContext;

public sealed record ManifestDisk
{
    public long Size { get; init; }

    public string Id { get; init; } = "";

    public IReadOnlyList<ManifestPartition> Partitions { get; init; } = [];
}

public sealed record ManifestPartition
{
    public int Number { get; init; }

    public string Label { get; init; } = "";

    public string Type { get; init; } = "";

    public string Id { get; init; } = "";

    public long FirstLba { get; init; }

    public long LastLba { get; init; }

    public string Filesystem { get; init; } = "";

    public string? FilesystemUuid { get; init; }

    /// <summary>The node tree is in this partition; with <see cref="Complete"/> nothing else is.</summary>
    public bool Node { get; init; }

    public bool Complete { get; init; }
}

/// <summary>One path of the node tree; mode in octal (<c>0600</c>).</summary>
public sealed record ManifestFile(string Path, string Type, string Mode, int Uid, int Gid, long Size, string? Sha256)
{
    /// <summary>True for a file that holds a key or a credential (absent otherwise); its hash is here, never its content.</summary>
    public bool? Secret { get; init; }
}

/// <summary>One container image of the payload: its name, platform and manifest digest.</summary>
public sealed record ManifestImage(string Name, string Platform, string Digest);

/// <summary>One output file; qemu-img's VHDX and VMDK carry random ids, so they are not reproducible.</summary>
public sealed record ManifestOutput(string File, string Format, long Size, string Sha256, bool Reproducible)
{
    /// <summary>True when the image holds a secret file (absent otherwise): the file is 0600, and is to be handled like the keys it holds.</summary>
    public bool? Secret { get; init; }
}
