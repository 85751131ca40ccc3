using Kiln.Phases.Config.Yaml;

namespace Kiln.ImageBuilder.Recipes;

#pragma warning disable MA0048 // a recipe's YAML shape and its nested records read together

/// <summary>An image recipe as written (<c>images/*.yaml</c>), before validation.</summary>
public sealed record ImageRecipeDraft
{
    [YamlField("name")] public string? Name { get; init; }

    [YamlField("role")] public string? Role { get; init; }

    [YamlField("kubeadm")] public KubeadmSourceDraft? Kubeadm { get; init; }

    [YamlField("disk")] public DiskDraft? Disk { get; init; }

    [YamlField("formats")] public IReadOnlyList<string>? Formats { get; init; }

    [YamlField("base")] public BaseImageDraft? Base { get; init; }

    [YamlField("images")] public ImagesDraft? Images { get; init; }
}

/// <summary>The container images the image carries for an air-gapped node: where they come from, and any beyond the version's.</summary>
public sealed record ImagesDraft
{
    [YamlField("from")] public IReadOnlyList<ImageSourceDraft>? From { get; init; }

    [YamlField("extra")] public IReadOnlyList<string>? Extra { get; init; }

    [YamlField("platform")] public string? Platform { get; init; }
}

/// <summary>One image source: an OCI image layout directory, or an OCI or docker archive file.</summary>
public sealed record ImageSourceDraft
{
    [YamlField("oci")] public string? Oci { get; init; }

    [YamlField("archive")] public string? Archive { get; init; }
}

/// <summary>Where the kubeadm config comes from: a file beside the recipe, or inline text.</summary>
public sealed record KubeadmSourceDraft
{
    [YamlField("file")] public string? File { get; init; }

    [YamlField("inline")] public string? Inline { get; init; }
}

/// <summary>The disk's size and partitions.</summary>
public sealed record DiskDraft
{
    [YamlField("size")] public string? Size { get; init; }

    [YamlField("partitions")] public IReadOnlyList<PartitionDraft>? Partitions { get; init; }
}

/// <summary>One GPT partition.</summary>
public sealed record PartitionDraft
{
    [YamlField("label")] public string? Label { get; init; }

    [YamlField("type")] public string? Type { get; init; }

    [YamlField("size")] public string? Size { get; init; }

    [YamlField("filesystem")] public string? Filesystem { get; init; }

    [YamlField("contents")] public string? Contents { get; init; }
}

/// <summary>An existing disk image to write the node tree into.</summary>
public sealed record BaseImageDraft
{
    [YamlField("image")] public string? Image { get; init; }

    [YamlField("partition")] public string? Partition { get; init; }
}
