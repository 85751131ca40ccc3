using System.Formats.Tar;
using System.Text.Json.Nodes;
using Kiln.ImageBuilder.Tools;

namespace Kiln.ImageBuilder.Payload;

/// <summary>
/// The images of a recipe's sources, read offline: OCI image layouts (image-layout.md of the OCI image spec: index.json,
/// blobs/sha256), OCI archives (a layout in a tar) and docker archives (<c>docker save</c>: manifest.json with RepoTags,
/// a config and layer tars, turned into OCI manifests). An image's name is its <c>io.containerd.image.name</c> or full
/// <c>org.opencontainers.image.ref.name</c> annotation, or a docker RepoTag.
/// </summary>
public sealed class ImageCatalog : IDisposable
{
    const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    readonly List<string> _scratch = [];
    readonly List<ContainerImage> _images = [];

    ImageCatalog()
    {
    }

    /// <summary>Every image of every source, in source order.</summary>
    public IReadOnlyList<ContainerImage> Images => _images;

    /// <summary>Reads the sources; a source that cannot be read is an <see cref="ImageBuildException"/> naming it.</summary>
    public static ImageCatalog Open(IReadOnlyList<ImageSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var catalog = new ImageCatalog();
        try
        {
            foreach (var source in sources)
            {
                catalog.Read(source);
            }

            return catalog;
        }
        catch
        {
            catalog.Dispose();
            throw;
        }
    }

    /// <summary>The images for <paramref name="platform"/> with these names (first source wins), and a line per name none has.</summary>
    public (IReadOnlyList<ContainerImage> Found, IReadOnlyList<string> Missing) Resolve(IEnumerable<string> names, string platform)
    {
        var found = new List<ContainerImage>();
        var missing = new List<string>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var candidates = _images.Where(i => string.Equals(i.Name, name, StringComparison.Ordinal)).ToList();
            if (candidates.Find(i => string.Equals(i.Platform, platform, StringComparison.Ordinal)) is { } image)
            {
                found.Add(image);
                continue;
            }

            missing.Add(candidates.Count == 0
                ? $"{name} ({platform}): in no source"
                : $"{name} ({platform}): only for {string.Join(", ", candidates.Select(c => c.Platform).Distinct(StringComparer.Ordinal))}");
        }

        return (found, missing);
    }

    void Read(ImageSource source)
    {
        var directory = source.Path;
        if (source.Archive)
        {
            if (!File.Exists(source.Path))
            {
                throw new ImageBuildException($"image archive {source.Path}: no such file");
            }

            directory = Directory.CreateTempSubdirectory("kiln-images-").FullName;
            _scratch.Add(directory);
            try
            {
                TarFile.ExtractToDirectory(source.Path, directory, overwriteFiles: false);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
            {
                throw new ImageBuildException($"image archive {source.Path}: not a readable tar file ({e.Message})", e);
            }
        }
        else if (!Directory.Exists(source.Path))
        {
            throw new ImageBuildException($"image layout {source.Path}: no such directory");
        }

        try
        {
            if (File.Exists(Path.Combine(directory, "index.json")))
            {
                ReadLayout(directory);
            }
            else if (File.Exists(Path.Combine(directory, "manifest.json")))
            {
                ReadDocker(directory);
            }
            else
            {
                throw new ImageBuildException($"{source.Path}: neither an OCI image layout (index.json) nor a docker archive (manifest.json)");
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or NullReferenceException or IOException)
        {
            throw new ImageBuildException($"{source.Path}: not a valid image {(source.Archive ? "archive" : "layout")}: {e.Message}", e);
        }
    }

    void ReadLayout(string layout)
    {
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        foreach (var descriptor in index["manifests"]!.AsArray())
        {
            var annotations = descriptor!["annotations"];
            var name = (string?)annotations?["io.containerd.image.name"] ?? (string?)annotations?["org.opencontainers.image.ref.name"];
            if (name is null || !name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            AddManifest(layout, name, descriptor, depth: 0);
        }
    }

    void AddManifest(string layout, string name, JsonNode descriptor, int depth)
    {
        var bytes = File.ReadAllBytes(BlobPath(layout, (string)descriptor["digest"]!));
        var manifest = JsonNode.Parse(bytes)!;
        if (manifest["manifests"] is JsonArray children && depth == 0)
        {
            // an image index: one manifest per platform
            foreach (var child in children)
            {
                AddManifest(layout, name, child!, depth + 1);
            }

            return;
        }

        var media = (string?)manifest["mediaType"] ?? (string?)descriptor["mediaType"];
        if (media is not (OciManifest or DockerManifest))
        {
            return;
        }

        var config = manifest["config"]!;
        var blobs = new List<ImageBlob> { Blob(layout, config) };
        blobs.AddRange(manifest["layers"]!.AsArray().Select(l => Blob(layout, l!)));
        var platform = descriptor["platform"] is { } p ? $"{p["os"]}/{p["architecture"]}" : PlatformOf(File.ReadAllBytes(blobs[0].File));
        _images.Add(new ContainerImage(name, platform, bytes, blobs));
    }

    static ImageBlob Blob(string layout, JsonNode descriptor)
    {
        var digest = (string)descriptor["digest"]!;
        return new ImageBlob(digest, (long)descriptor["size"]!, BlobPath(layout, digest));
    }

    static string BlobPath(string layout, string digest)
    {
        var hex = digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest[7..] : throw new InvalidOperationException($"unsupported digest '{digest}' (sha256 only)");
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
        {
            throw new InvalidOperationException($"malformed digest '{digest}'");
        }

        var path = Path.Combine(layout, "blobs", "sha256", hex);
        return File.Exists(path) ? path : throw new InvalidOperationException($"blob {digest} is missing");
    }

    void ReadDocker(string archive)
    {
        foreach (var entry in JsonNode.Parse(File.ReadAllText(Path.Combine(archive, "manifest.json")))!.AsArray())
        {
            var configFile = Inside(archive, (string)entry!["Config"]!);
            var config = new ImageBlob(ImageBlob.DigestOfFile(configFile), new FileInfo(configFile).Length, configFile);
            var layers = entry["Layers"]!.AsArray().Select(l => Inside(archive, (string)l!))
                .Select(f => new ImageBlob(ImageBlob.DigestOfFile(f), new FileInfo(f).Length, f)).ToList();
            var manifest = OciManifestJson.Write(config, layers.Select(l => (l, Gzipped(l.File))).ToList());
            var platform = PlatformOf(File.ReadAllBytes(configFile));
            foreach (var tag in entry["RepoTags"]?.AsArray() ?? [])
            {
                _images.Add(new ContainerImage(Normalize((string)tag!), platform, manifest, [config, .. layers]));
            }
        }
    }

    // docker names images on Docker Hub without a registry; kubeadm's names always carry theirs
    static string Normalize(string tag)
    {
        var slash = tag.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? "" : tag[..slash];
        return host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) || string.Equals(host, "localhost", StringComparison.Ordinal)
            ? tag
            : "docker.io/" + (slash < 0 ? "library/" + tag : tag);
    }

    static string Inside(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full)
            ? full
            : throw new InvalidOperationException($"'{relative}' is not a file of the archive");
    }

    static bool Gzipped(string file)
    {
        using var stream = File.OpenRead(file);
        return stream.ReadByte() == 0x1f && stream.ReadByte() == 0x8b;
    }

    static string PlatformOf(byte[] config)
    {
        var node = JsonNode.Parse(config)!;
        return $"{(string?)node["os"] ?? "linux"}/{(string?)node["architecture"] ?? "amd64"}";
    }

    public void Dispose()
    {
        foreach (var dir in _scratch.Where(Directory.Exists))
        {
            Directory.Delete(dir, recursive: true);
        }

        _scratch.Clear();
    }
}
