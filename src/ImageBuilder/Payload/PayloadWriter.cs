using System.Formats.Tar;
using Kiln.ImageBuilder.Tools;

namespace Kiln.ImageBuilder.Payload;

/// <summary>
/// Writes images as one OCI archive (an OCI image layout in a tar, what <c>ctr images import</c> reads): entries in a
/// fixed order, owned by root, every time the epoch, so the same images give the same bytes. Every blob is checked
/// against its digest on the way in: a damaged source never reaches a node.
/// </summary>
public static class PayloadWriter
{
    const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    const UnixFileMode DirMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static void Write(IReadOnlyList<ContainerImage> images, Stream output, long epoch)
    {
        ArgumentNullException.ThrowIfNull(images);
        var time = DateTimeOffset.FromUnixTimeSeconds(epoch);
        var sorted = images.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Platform, StringComparer.Ordinal).ToList();
        var blobs = new SortedDictionary<string, (byte[]? Bytes, ImageBlob? File)>(StringComparer.Ordinal);
        foreach (var image in sorted)
        {
            blobs[image.Digest] = (image.Manifest, null);
            foreach (var blob in image.Blobs)
            {
                blobs[blob.Digest] = (null, blob);
            }
        }

        using var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        Bytes(tar, "oci-layout", """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray(), time);
        Bytes(tar, "index.json", OciManifestJson.Index(sorted), time);
        Directory(tar, "blobs/", time);
        Directory(tar, "blobs/sha256/", time);
        foreach (var (digest, (bytes, file)) in blobs)
        {
            var name = "blobs/sha256/" + digest[7..];
            if (bytes is not null)
            {
                Bytes(tar, name, bytes, time);
                continue;
            }

            if (!string.Equals(ImageBlob.DigestOfFile(file!.File), digest, StringComparison.Ordinal))
            {
                throw new ImageBuildException($"blob {digest} ({file.File}) does not match its digest: the image source is damaged");
            }

            using var stream = File.OpenRead(file.File);
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { ModificationTime = time, Mode = FileMode, DataStream = stream });
        }
    }

    static void Bytes(TarWriter tar, string name, byte[] bytes, DateTimeOffset time)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { ModificationTime = time, Mode = FileMode, DataStream = stream });
    }

    static void Directory(TarWriter tar, string name, DateTimeOffset time) =>
        tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, name) { ModificationTime = time, Mode = DirMode });
}
