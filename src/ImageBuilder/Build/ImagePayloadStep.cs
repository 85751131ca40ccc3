using Kiln.ImageBuilder.Manifest;
using Kiln.ImageBuilder.Payload;
using Kiln.ImageBuilder.Recipes;
using Kiln.ImageBuilder.Tools;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Images;

namespace Kiln.ImageBuilder.Build;

/// <summary>
/// The air-gap payload of a build: the exact images the version table lists for the recipe's version and role (what
/// <c>kiln config images list</c> prints; a worker only runs kube-proxy, CoreDNS and the pause sandbox) plus the
/// recipe's extra ones, found in its sources for its platform, written into the node as <see cref="NodePath"/>. The
/// first-boot unit imports it into containerd's <c>k8s.io</c> namespace before the kubelet starts.
/// </summary>
public static class ImagePayloadStep
{
    /// <summary>Where the payload lands in the node.</summary>
    public const string NodePath = "/var/lib/kiln/images.tar";

    static readonly string[] s_workerComponents = ["kube-proxy", "coredns", "pause"];

    /// <summary>The image names a node of this recipe needs.</summary>
    public static IReadOnlyList<string> Needed(ImageRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return Needed(recipe.Config.Cluster ?? ConfigDefaults.Cluster(new ClusterConfiguration()), recipe.Role, recipe.Images?.Extra ?? []);
    }

    /// <summary>The image names a node of <paramref name="role"/> in this cluster needs, and <paramref name="extra"/>.</summary>
    public static IReadOnlyList<string> Needed(ClusterConfiguration cluster, NodeRole role, IReadOnlyList<string> extra)
    {
        var images = ControlPlaneImages.For(cluster)
            .Where(i => role == NodeRole.ControlPlane || s_workerComponents.Contains(i.Component, StringComparer.Ordinal))
            .Select(i => i.Reference);
        return [.. images.Concat(extra).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Writes the images <paramref name="names"/> for <paramref name="platform"/> to <paramref name="path"/> (a new file); the manifest's list.</summary>
    public static IReadOnlyList<ManifestImage> WriteFile(IReadOnlyList<ImageSource> sources, IReadOnlyList<string> names, string platform, string path, long epoch)
    {
        using var catalog = ImageCatalog.Open(sources);
        var (found, missing) = catalog.Resolve(names, platform);
        if (missing.Count > 0)
        {
            throw new ImageBuildException($"the image sources lack {missing.Count} image(s) this node needs: {string.Join("; ", missing)}");
        }

        using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            PayloadWriter.Write(found, output, epoch);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return [.. found.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => new ManifestImage(i.Name, i.Platform, i.Digest))];
    }

    /// <summary>Writes the payload into the staging root; the manifest's image list, or an error naming every missing image.</summary>
    public static IReadOnlyList<ManifestImage> Write(ImageRecipe recipe, string staging, long epoch)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        if (recipe.Images is not { } spec)
        {
            return [];
        }

        var path = Path.Combine(staging, NodePath.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return WriteFile(spec.Sources, Needed(recipe), spec.Platform, path, epoch);
    }
}
