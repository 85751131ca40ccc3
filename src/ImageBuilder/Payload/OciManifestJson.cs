using System.Text.Json;

namespace Kiln.ImageBuilder.Payload;

/// <summary>The JSON Kiln writes for OCI layouts (image-layout.md, manifest.md of the OCI image spec): compact, in a fixed key order, so the bytes are reproducible.</summary>
internal static class OciManifestJson
{
    public const string ManifestType = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>An image manifest for a docker archive's config and layers.</summary>
    public static byte[] Write(ImageBlob config, IReadOnlyList<(ImageBlob Layer, bool Gzip)> layers) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", ManifestType);
        Descriptor(w, "config", "application/vnd.oci.image.config.v1+json", config.Digest, config.Size);
        w.WriteStartArray("layers");
        foreach (var (layer, gzip) in layers)
        {
            Descriptor(w, null, gzip ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar", layer.Digest, layer.Size);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>index.json: one descriptor per image, named for containerd's import and by the OCI annotation.</summary>
    public static byte[] Index(IReadOnlyList<ContainerImage> images) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", "application/vnd.oci.image.index.v1+json");
        w.WriteStartArray("manifests");
        foreach (var image in images)
        {
            w.WriteStartObject();
            w.WriteString("mediaType", ManifestType);
            w.WriteString("digest", image.Digest);
            w.WriteNumber("size", image.Manifest.Length);
            w.WriteStartObject("annotations");
            w.WriteString("io.containerd.image.name", image.Name);
            w.WriteString("org.opencontainers.image.ref.name", image.Name);
            w.WriteEndObject();
            var (os, arch) = (image.Platform.Split('/')[0], image.Platform.Split('/')[^1]);
            w.WriteStartObject("platform");
            w.WriteString("architecture", arch);
            w.WriteString("os", os);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    static void Descriptor(Utf8JsonWriter w, string? name, string mediaType, string digest, long size)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteString("mediaType", mediaType);
        w.WriteString("digest", digest);
        w.WriteNumber("size", size);
        w.WriteEndObject();
    }

    static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
