namespace Kiln.ImageBuilder.Recipes;

/// <summary>
/// The one table of output formats: every name, extension, allowed-values list and qemu-img name comes from here, so
/// a format is added by adding its <see cref="ImageFormat"/> value and its row.
/// </summary>
public static class ImageFormats
{
    /// <summary>Every format, in the order help texts list them.</summary>
    public static IReadOnlyList<ImageFormatInfo> All { get; } =
    [
        new(ImageFormat.Raw, "raw", "raw", ByQemuImg: false, QemuCheck: false),
        new(ImageFormat.Qcow2, "qcow2", "qcow2", ByQemuImg: false, QemuCheck: true),
        // qemu-img check does not support vpc (imaging.md B.3)
        new(ImageFormat.Vhd, "vhd", "vpc", ByQemuImg: false, QemuCheck: false),
        new(ImageFormat.Vhdx, "vhdx", "vhdx", ByQemuImg: true, QemuCheck: true),
        new(ImageFormat.Vmdk, "vmdk", "vmdk", ByQemuImg: true, QemuCheck: true),
    ];

    /// <summary>The names, for suggestions.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <summary>The names as help texts and errors list them: <c>raw, qcow2, vhd, vhdx, vmdk</c>.</summary>
    public static string Allowed { get; } = string.Join(", ", Names);

    public static ImageFormatInfo Of(ImageFormat format) => All.First(f => f.Format == format);

    /// <summary>The file extension (without the dot) of a format's output.</summary>
    public static string Extension(ImageFormat format) => Of(format).Name;

    /// <summary>The format a recipe or <c>--format</c> names; null for an unknown name.</summary>
    public static ImageFormat? Parse(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))?.Format;

    /// <summary>The format of an image file by its extension (any case; <c>.img</c> is raw too); null when unknown.</summary>
    public static ImageFormatInfo? OfFile(string path)
    {
        var ext = Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        return string.Equals(ext, "img", StringComparison.Ordinal) ? Of(ImageFormat.Raw) : All.FirstOrDefault(f => string.Equals(f.Name, ext, StringComparison.Ordinal));
    }
}
