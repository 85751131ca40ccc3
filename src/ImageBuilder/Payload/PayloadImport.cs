using System.Formats.Tar;
using System.Text.Json.Nodes;
using Kiln.ImageBuilder.Tools;

namespace Kiln.ImageBuilder.Payload;

/// <summary>
/// The first-boot step of an air-gapped node: imports a payload (an OCI archive) into containerd's <c>k8s.io</c>
/// namespace, where the kubelet's CRI looks, through containerd's own <c>ctr</c>; the images keep the names the static
/// pod manifests use, so the kubelet never pulls.
/// </summary>
public static class PayloadImport
{
    public const string DefaultAddress = "/run/containerd/containerd.sock";

    /// <summary>The image names an archive's index.json holds.</summary>
    public static IReadOnlyList<string> Names(string archive)
    {
        using var stream = File.OpenRead(archive);
        using var tar = new TarReader(stream);
        while (tar.GetNextEntry() is { } entry)
        {
            if (string.Equals(entry.Name.TrimStart('.', '/'), "index.json", StringComparison.Ordinal) && entry.DataStream is { } data)
            {
                var index = JsonNode.Parse(data)!;
                return [.. index["manifests"]!.AsArray().Select(m => (string?)m!["annotations"]?["io.containerd.image.name"]).OfType<string>()];
            }
        }

        throw new ImageBuildException($"{archive} is not an OCI archive: it has no index.json");
    }

    /// <summary>Imports the archive; returns the names it held. A failure is an <see cref="ImageBuildException"/> with ctr's words.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string archive, string address, CancellationToken cancellationToken)
    {
        var names = Names(archive);
        await new ToolRunner(0).RunCheckedAsync("ctr", ["--address", address, "--namespace", "k8s.io", "images", "import", archive], cancellationToken);
        return names;
    }
}
