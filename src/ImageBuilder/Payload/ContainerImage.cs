namespace Kiln.ImageBuilder.Payload;

/// <summary>One container image for one platform, as the payload carries it.</summary>
/// <param name="Name">Its full reference (<c>registry.k8s.io/kube-apiserver:v1.37.2</c>).</param>
/// <param name="Platform"><c>os/architecture</c>.</param>
/// <param name="Manifest">The OCI image manifest's bytes (its digest is the image's).</param>
/// <param name="Blobs">The config and layer blobs the manifest names, by digest.</param>
public sealed record ContainerImage(string Name, string Platform, byte[] Manifest, IReadOnlyList<ImageBlob> Blobs)
{
    public string Digest => ImageBlob.DigestOf(Manifest);
}
