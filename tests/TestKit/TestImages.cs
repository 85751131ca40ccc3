using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace Kiln.TestKit;

/// <summary>
/// Tiny real images for the payload tests, written here independently of Kiln's writer: an OCI image layout (index.json
/// with io.containerd.image.name annotations, blobs/sha256) or a `docker save` archive, one small layer per image.
/// </summary>
public static class TestImages
{
    static string Sha(byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));

    static byte[] Layer(string name)
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var content = Encoding.UTF8.GetBytes($"image {name}\n");
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "etc/kiln-test-image")
            {
                DataStream = new MemoryStream(content), Mode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                ModificationTime = DateTimeOffset.UnixEpoch,
            });
        }

        return buffer.ToArray();
    }

    static byte[] Config(string arch, string layerSha) => Encoding.UTF8.GetBytes(
        $$$"""{"architecture":"{{{arch}}}","os":"linux","config":{"Entrypoint":["/bin/true"]},"rootfs":{"type":"layers","diff_ids":["sha256:{{{layerSha}}}"]}}""");

    /// <summary>An OCI image layout at <paramref name="dir"/> holding <paramref name="names"/> for <paramref name="arch"/>.</summary>
    public static void Layout(string dir, IEnumerable<string> names, string arch = "amd64")
    {
        var blobs = Path.Combine(dir, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        File.WriteAllText(Path.Combine(dir, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        var entries = new List<string>();
        foreach (var name in names)
        {
            var layer = Layer(name);
            var config = Config(arch, Sha(layer));
            var manifest = Encoding.UTF8.GetBytes(
                $$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:{{Sha(config)}}","size":{{config.Length}}},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:{{Sha(layer)}}","size":{{layer.Length}}}]}""");
            foreach (var blob in new[] { layer, config, manifest })
            {
                File.WriteAllBytes(Path.Combine(blobs, Sha(blob)), blob);
            }

            entries.Add($$$"""{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{{{Sha(manifest)}}}","size":{{{manifest.Length}}},"annotations":{"io.containerd.image.name":"{{{name}}}"}}""");
        }

        File.WriteAllText(Path.Combine(dir, "index.json"), $$"""{"schemaVersion":2,"manifests":[{{string.Join(",", entries)}}]}""");
    }

    /// <summary>A `docker save` archive holding one image with these tags; returns its layer's sha256.</summary>
    public static string DockerArchive(string file, params string[] tags)
    {
        var layer = Layer(tags[0]);
        var config = Config("amd64", Sha(layer));
        using var stream = File.Create(file);
        using var tar = new TarWriter(stream, TarEntryFormat.Ustar);
        void Add(string name, byte[] bytes) => tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
        Add("manifest.json", Encoding.UTF8.GetBytes($$"""[{"Config":"{{Sha(config)}}.json","RepoTags":[{{string.Join(",", tags.Select(t => $"\"{t}\""))}}],"Layers":["{{Sha(layer)}}/layer.tar"]}]"""));
        Add($"{Sha(config)}.json", config);
        Add($"{Sha(layer)}/layer.tar", layer);
        return Sha(layer);
    }
}
