using Kiln.Phases.Config;

namespace Kiln.ImageBuilder.Recipes;

#pragma warning disable MA0048 // an image recipe and the records and enums of its shape read together

/// <summary>The node's role in its cluster.</summary>
public enum NodeRole
{
    /// <summary>The first control-plane node (<c>kiln init</c>).</summary>
    ControlPlane,

    /// <summary>A worker that joins with the state's bootstrap token (<c>kiln join</c>).</summary>
    Worker,
}

/// <summary>A validated recipe: everything a build needs, defaults applied.</summary>
/// <param name="File">The recipe file, for messages and relative paths.</param>
/// <param name="Name">The image's name: output files are <c>NAME.EXT</c>.</param>
/// <param name="Role">The node's role.</param>
/// <param name="Config">The kubeadm config, defaulted and validated (with no host facts: the build host is not the node).</param>
/// <param name="Disk">The partition layout.</param>
/// <param name="Formats">Output formats, in the order given.</param>
/// <param name="Base">An existing image to write into instead of a fresh disk.</param>
/// <param name="Images">The container images to carry (an air-gap payload), or null for none.</param>
public sealed record ImageRecipe(string File, string Name, NodeRole Role, KubeadmConfig Config, DiskLayout Disk, IReadOnlyList<ImageFormat> Formats, BaseImage? Base,
    ImagePayloadSpec? Images = null);

/// <summary>A recipe's air-gap payload: its sources in search order, images beyond the version's, and the node's platform.</summary>
public sealed record ImagePayloadSpec(IReadOnlyList<Payload.ImageSource> Sources, IReadOnlyList<string> Extra, string Platform);

/// <summary>The disk's size in bytes and its partitions, in table order.</summary>
public sealed record DiskLayout(long Size, IReadOnlyList<PartitionSpec> Partitions);

/// <summary>A partition: GPT name, type, size (0 = the rest of the disk), filesystem, and whether the node tree goes there.</summary>
public sealed record PartitionSpec(string Label, Guid Type, long Size, string Filesystem, bool HoldsNode);

/// <summary>An existing raw or qcow2 GPT disk, and the label of the ext4 partition that receives the node tree.</summary>
public sealed record BaseImage(string Path, string Partition);

/// <summary>A disk image container format.</summary>
public enum ImageFormat
{
    /// <summary>Raw, sparse.</summary>
    Raw,

    /// <summary>qcow2 v3, written in C#.</summary>
    Qcow2,

    /// <summary>Fixed VHD, written in C#.</summary>
    Vhd,

    /// <summary>VHDX through qemu-img (not reproducible).</summary>
    Vhdx,

    /// <summary>VMDK through qemu-img (not reproducible).</summary>
    Vmdk,
}
