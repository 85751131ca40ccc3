using System.Text.RegularExpressions;
using Kiln.ImageBuilder.Payload;

namespace Kiln.ImageBuilder.Recipes;

public static partial class RecipeLoader
{
    static readonly string[] s_platforms = ["linux/amd64", "linux/arm64", "linux/arm", "linux/ppc64le", "linux/s390x"];

    static ImagePayloadSpec? Images(ImageRecipeDraft draft, string file, Action<string, string, string?, string?> error)
    {
        if (draft.Images is not { } images)
        {
            return null;
        }

        var sources = new List<ImageSource>();
        var from = images.From ?? [];
        if (from.Count == 0)
        {
            error("images.from", "an images section needs at least one source", "oci: DIR (an OCI image layout), archive: FILE (an OCI or docker archive)", null);
        }

        for (var i = 0; i < from.Count; i++)
        {
            var s = from[i];
            if ((s.Oci is null) == (s.Archive is null))
            {
                error($"images.from[{i}]", "a source names exactly one of 'oci' and 'archive'", "oci: DIR (an OCI image layout), archive: FILE (an OCI or docker archive)", null);
                continue;
            }

            sources.Add(new ImageSource(RelativeTo(file, s.Oci ?? s.Archive!), s.Archive is not null));
        }

        var extra = images.Extra ?? [];
        for (var i = 0; i < extra.Count; i++)
        {
            if (!ReferencePattern().IsMatch(extra[i]))
            {
                error($"images.extra[{i}]", $"'{extra[i]}' is not a full image reference", "registry/name:tag, e.g. registry.k8s.io/metrics-server/metrics-server:v0.7.2",
                    null);
            }
        }

        var platform = images.Platform ?? "linux/amd64";
        if (!s_platforms.Contains(platform, StringComparer.Ordinal))
        {
            error("images.platform", $"unknown platform '{platform}'", string.Join(", ", s_platforms), null);
        }

        return new ImagePayloadSpec(sources, extra, platform);
    }

    // a registry host (with a dot or a port, or localhost), a path, and a tag or digest
    [GeneratedRegex(@"^([a-z0-9.-]+\.[a-z0-9.-]+|[a-z0-9.-]+:[0-9]+|localhost)(/[a-z0-9._-]+)+(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|@sha256:[0-9a-f]{64})$",
        RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReferencePattern();
}
