using System.Text.RegularExpressions;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Yaml;

namespace Kiln.ImageBuilder.Recipes;

/// <summary>Reads <c>images/*.yaml</c> (<c>kiln.dev/v1alpha1 ImageRecipe</c>), validates it and loads its kubeadm config; reports all problems at once.</summary>
public static partial class RecipeLoader
{
    public const string ApiVersion = "kiln.dev/v1alpha1";
    public const string Kind = "ImageRecipe";
    const long MiB = 1024 * 1024;

    public static RecipeLoadResult Load(string file, string text, IReadOnlyList<KeyValuePair<string, string>>? overrides = null, Func<string, string?>? readFile = null)
    {
        var findings = new List<ConfigError>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal) { [file] = text };
        var (draft, document) = KindReader.Read<ImageRecipeDraft>(file, text, ApiVersion, Kind, overrides ?? [], findings);
        if (draft is null || document is null)
        {
            return new RecipeLoadResult(null, findings, sources);
        }

        void Error(string path, string message, string? allowed = null, string? hint = null) =>
            findings.Add(new ConfigError(document.Locate(path), path, message, allowed, hint));

        var name = draft.Name;
        if (name is null)
        {
            Error("name", "the recipe has no name", "lowercase letters, digits and '-'", "add 'name: my-node'; outputs are NAME.raw, NAME.qcow2, ...");
        }
        else if (!NamePattern().IsMatch(name))
        {
            Error("name", $"'{name}' is not a valid image name", "lowercase letters, digits and '-', starting with a letter, at most 63");
        }

        NodeRole? role = draft.Role switch
        {
            "control-plane" => NodeRole.ControlPlane,
            "worker" => NodeRole.Worker,
            _ => null,
        };
        if (role is null)
        {
            Error("role", draft.Role is null ? "the recipe has no role" : $"unknown role '{draft.Role}'", "control-plane, worker",
                draft.Role is { } r && Suggest.Closest(r, ["control-plane", "worker"]) is { } s ? $"did you mean '{s}'?" : null);
        }

        var formats = Formats(draft, Error);
        var disk = Disk(draft, Error);
        var baseImage = Base(draft, file, Error);
        var images = Images(draft, file, Error);
        var config = KubeadmConfigOf(draft, document, file, text, role, readFile, findings, sources);
        config = Renamed(config, file, text, name, overrides ?? [], Error);
        var recipe = findings.Any(f => f.Severity == Severity.Error) || name is null || role is null || config is null || disk is null
            ? null
            : new ImageRecipe(file, name, role.Value, config, disk, formats, baseImage, images);
        return new RecipeLoadResult(recipe, findings, sources);
    }

    /// <summary>
    /// <c>--set name=X</c> on a recipe named after its node renames the node too, so the image and the node inside agree;
    /// on a recipe whose node has another name it is refused: renaming only the files would ship node A as "B.raw".
    /// </summary>
    static KubeadmConfig? Renamed(KubeadmConfig? config, string file, string text, string? name, IReadOnlyList<KeyValuePair<string, string>> overrides,
        Action<string, string, string?, string?> error)
    {
        if (config is null || name is null || !overrides.Any(o => string.Equals(o.Key, "name", StringComparison.Ordinal)))
        {
            return config;
        }

        var node = config.Init?.NodeRegistration.Name ?? config.Join?.NodeRegistration.Name;
        if (node is null || string.Equals(node, name, StringComparison.Ordinal))
        {
            return config;
        }

        var original = KindReader.Read<ImageRecipeDraft>(file, text, ApiVersion, Kind, [], new List<ConfigError>()).Value?.Name;
        if (!string.Equals(node, original, StringComparison.Ordinal))
        {
            error("name", $"--set name={name} would rename the image only: its node is '{node}' (the kubeadm config's nodeRegistration.name), "
                + $"not the recipe's name '{original}'", null,
                "set the node's name in the kubeadm config, or name the recipe after its node so that --set name renames both");
            return config;
        }

        return config with
        {
            Init = config.Init is { } i ? i with { NodeRegistration = i.NodeRegistration with { Name = name } } : null,
            Join = config.Join is { } j ? j with { NodeRegistration = j.NodeRegistration with { Name = name } } : null,
        };
    }

    static List<ImageFormat> Formats(ImageRecipeDraft draft, Action<string, string, string?, string?> error)
    {
        var formats = new List<ImageFormat>();
        var given = draft.Formats ?? [ImageFormats.Extension(ImageFormat.Raw)];
        for (var i = 0; i < given.Count; i++)
        {
            if (ImageFormats.Parse(given[i]) is { } f)
            {
                if (formats.Contains(f))
                {
                    error($"formats[{i}]", $"'{given[i]}' is listed twice", null, null);
                }

                formats.Add(f);
                continue;
            }

            error($"formats[{i}]", $"unknown format '{given[i]}'", ImageFormats.Allowed,
                Suggest.Closest(given[i], ImageFormats.Names) is { } s ? $"did you mean '{s}'?" : null);
        }

        return formats;
    }

    static DiskLayout? Disk(ImageRecipeDraft draft, Action<string, string, string?, string?> error)
    {
        const string SizeAllowed = "a size in MiB or GiB such as 256MiB or 2GiB (a whole number of MiB)";
        var disk = draft.Disk ?? new DiskDraft();
        var size = ParseSize(disk.Size ?? "256MiB");
        if (size is null or < 8 * MiB)
        {
            error("disk.size", $"'{disk.Size}' is not a disk size of at least 8MiB", SizeAllowed, null);
        }

        var drafts = disk.Partitions ?? [new PartitionDraft { Label = "root", Contents = "node" }];
        var partitions = new List<PartitionSpec>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            var at = $"disk.partitions[{i}]";
            var label = d.Label ?? "";
            if (label.Length is 0 or > 36 || label.Any(c => c > 0x7e || c < 0x20))
            {
                error($"{at}.label", $"'{label}' is not a partition label", "1 to 36 printable ASCII characters", null);
            }
            else if (partitions.Any(p => string.Equals(p.Label, label, StringComparison.Ordinal)))
            {
                error($"{at}.label", $"the label '{label}' is used twice", "unique labels", "the node tree and base images find partitions by label");
            }

            var type = PartitionTypes.Parse(d.Type ?? "linux");
            if (type is null)
            {
                error($"{at}.type", $"unknown partition type '{d.Type}'", string.Join(", ", PartitionTypes.Names), null);
            }

            long partSize = 0;
            if (d.Size is not null and not "rest")
            {
                partSize = ParseSize(d.Size) ?? -1;
                if (partSize < MiB)
                {
                    error($"{at}.size", $"'{d.Size}' is not a partition size", SizeAllowed + ", or 'rest'", null);
                }
            }
            else if (i != drafts.Count - 1)
            {
                error($"{at}.size", "only the last partition may take the rest of the disk", SizeAllowed, null);
            }

            var fs = d.Filesystem ?? "ext4";
            if (fs is not "ext4" and not "none")
            {
                error($"{at}.filesystem", $"unknown filesystem '{fs}'", "ext4, none", null);
            }

            var contents = d.Contents ?? "empty";
            if (contents is not "node" and not "empty")
            {
                error($"{at}.contents", $"unknown contents '{contents}'", "node (the node's files go here), empty", null);
            }
            else if (string.Equals(contents, "node", StringComparison.Ordinal) && !string.Equals(fs, "ext4", StringComparison.Ordinal))
            {
                error($"{at}.contents", "the node's files need an ext4 partition", "filesystem: ext4", null);
            }

            partitions.Add(new PartitionSpec(label, type ?? Guid.Empty, partSize, fs, string.Equals(contents, "node", StringComparison.Ordinal)));
        }

        if (partitions.Count(p => p.HoldsNode) != 1 && draft.Base is null)
        {
            error("disk.partitions", $"exactly one partition must have 'contents: node', found {partitions.Count(p => p.HoldsNode)}", null, null);
        }

        var used = MiB + partitions.Sum(p => Math.Max(p.Size, MiB)) + MiB;
        if (size is { } s && used > s)
        {
            error("disk.size", $"the partitions need {used / MiB}MiB with the GPT, more than the disk's {s / MiB}MiB", SizeAllowed, "grow disk.size or shrink a partition");
        }

        return size is null ? null : new DiskLayout(size.Value, partitions);
    }

    static BaseImage? Base(ImageRecipeDraft draft, string file, Action<string, string, string?, string?> error)
    {
        if (draft.Base is not { } b)
        {
            return null;
        }

        if (b.Image is null || b.Partition is null)
        {
            error("base", "a base needs both 'image' (a raw or qcow2 GPT disk) and 'partition' (the label of its ext4 partition)", null, null);
            return null;
        }

        return new BaseImage(RelativeTo(file, b.Image), b.Partition);
    }

    /// <summary>A size such as 256MiB, 2GiB, 512M or 1G (binary units); null when it is not one or not whole MiB.</summary>
    public static long? ParseSize(string text)
    {
        var m = SizePattern().Match(text);
        if (!m.Success || !long.TryParse(m.Groups["number"].Value, out var n))
        {
            return null;
        }

        var unit = m.Groups["unit"].Value.ToUpperInvariant()[0] == 'G' ? 1024 * MiB : MiB;
        return n > 0 && n <= 16L * 1024 * 1024 ? n * unit : null;
    }

    internal static string RelativeTo(string recipeFile, string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(Path.GetDirectoryName(recipeFile) ?? "", path);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^(?<number>[0-9]+)(?<unit>MiB|GiB|M|G)$", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SizePattern();
}
