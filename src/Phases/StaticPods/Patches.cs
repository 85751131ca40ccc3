using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.StaticPods;

/// <summary>
/// kubeadm's patches directory (cmd/kubeadm/app/util/patches/patches.go): files <c>target[suffix][+patchtype].{json,yaml}</c> applied in
/// name order to a component's object. Types: <c>strategic</c> (default), <c>merge</c> (RFC 7386) and <c>json</c> (RFC 6902).
/// </summary>
public static partial class Patches
{
    /// <summary>The targets kubeadm knows.</summary>
    public static IReadOnlyList<string> Targets { get; } = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd", "kubeletconfiguration"];

    // strategic merge keys of the lists a static pod or kubelet config holds
    static readonly Dictionary<string, string> s_mergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name", ["volumes"] = "name", ["env"] = "name", ["volumeMounts"] = "mountPath", ["ports"] = "containerPort",
    };

    /// <summary>Applies every patch file for a target; returns the patched object and the files used.</summary>
    /// <exception cref="PhaseException">A patch file cannot be read or applied.</exception>
    public static (JsonObject Result, IReadOnlyList<string> Applied) Apply(ITargetRoot root, string? directory, string target, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (directory is null)
        {
            return (obj, []);
        }

        var applied = new List<string>();
        foreach (var name in root.ListFiles(directory))
        {
            var m = FileName().Match(name);
            if (!m.Success || !string.Equals(m.Groups["target"].Value, target, StringComparison.Ordinal))
            {
                continue;
            }

            var path = $"{directory.TrimEnd('/')}/{name}";
            var kind = m.Groups["type"].Success ? m.Groups["type"].Value : "strategic";
            var patch = Parse(root, path);
            obj = kind switch
            {
                "json" => JsonPatch(obj, patch as JsonArray ?? throw new PhaseException($"{path}: a json patch must be a list of operations"), path),
                "merge" => (JsonObject)Merge(obj, patch, strategic: false)!,
                _ => (JsonObject)Merge(obj, patch, strategic: true)!,
            };
            applied.Add(path);
        }

        return (obj, applied);
    }

    /// <summary>Applies the patches of a target to YAML text (the kubelet's config.yaml) and writes it back sorted.</summary>
    public static (string Yaml, IReadOnlyList<string> Applied) ApplyToYaml(ITargetRoot root, string? directory, string target, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var (result, applied) = Apply(root, directory, target, (JsonObject)ToJson(stream.Documents[0].RootNode)!);
        return applied.Count == 0 ? (yaml, applied) : (Config.Yaml.YamlWriter.Write(result), applied);
    }

    static JsonNode Parse(ITargetRoot root, string path)
    {
        var text = Encoding.UTF8.GetString(root.ReadAllBytes(path));
        try
        {
            if (path.EndsWith(".json", StringComparison.Ordinal))
            {
                return JsonNode.Parse(text) ?? throw new PhaseException($"{path} is empty");
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return ToJson(stream.Documents[0].RootNode) ?? throw new PhaseException($"{path} is empty");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or YamlDotNet.Core.YamlException or InvalidOperationException)
        {
            throw new PhaseException($"{path} is not a valid patch: {e.Message}", "fix or remove the patch file", e);
        }
    }

    static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(ToJson)]),
        YamlScalarNode s => Config.Yaml.YamlScalars.Resolve(s) switch
        {
            Config.Yaml.YamlScalars.Kind.Null => null,
            Config.Yaml.YamlScalars.Kind.Bool => JsonValue.Create(Config.Yaml.YamlScalars.TryBool(s.Value!, out var b) && b),
            Config.Yaml.YamlScalars.Kind.Int when long.TryParse(s.Value, out var n) => JsonValue.Create(n),
            _ => JsonValue.Create(s.Value),
        },
        _ => null,
    };

    // RFC 7386, plus strategic lists merged by key when asked
    static JsonNode? Merge(JsonNode? target, JsonNode? patch, bool strategic, string? field = null)
    {
        if (patch is JsonArray patchList && strategic && field is not null && s_mergeKeys.TryGetValue(field, out var key) && target is JsonArray targetList)
        {
            var result = new JsonArray([.. targetList.Select(n => n?.DeepClone())]);
            foreach (var item in patchList)
            {
                var id = item?[key]?.ToJsonString();
                var existing = result.FirstOrDefault(n => string.Equals(n?[key]?.ToJsonString(), id, StringComparison.Ordinal));
                if (existing is null)
                {
                    result.Add(item?.DeepClone());
                }
                else
                {
                    result[result.IndexOf(existing)] = Merge(existing, item, strategic);
                }
            }

            return result;
        }

        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var merged = target is JsonObject t ? (JsonObject)t.DeepClone() : [];
        foreach (var (k, v) in patchObject)
        {
            if (v is null)
            {
                merged.Remove(k);
            }
            else
            {
                merged[k] = Merge(merged[k], v, strategic, k);
            }
        }

        return merged;
    }

    static JsonObject JsonPatch(JsonObject obj, JsonArray ops, string path)
    {
        var doc = (JsonObject)obj.DeepClone();
        foreach (var op in ops)
        {
            var name = op?["op"]?.GetValue<string>();
            var pointer = op?["path"]?.GetValue<string>() ?? throw new PhaseException($"{path}: an operation has no path");
            var (parent, last) = Resolve(doc, pointer, path);
            switch (name)
            {
                case "add" when parent is JsonArray a:
                    var value = op!["value"]?.DeepClone();
                    if (string.Equals(last, "-", StringComparison.Ordinal))
                    {
                        a.Add(value);
                    }
                    else
                    {
                        a.Insert(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture), value);
                    }

                    break;
                case "add" or "replace" when parent is JsonObject o:
                    o[last] = op!["value"]?.DeepClone();
                    break;
                case "replace" when parent is JsonArray a:
                    a[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = op!["value"]?.DeepClone();
                    break;
                case "remove" when parent is JsonObject o:
                    o.Remove(last);
                    break;
                case "remove" when parent is JsonArray a:
                    a.RemoveAt(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new PhaseException($"{path}: operation '{name}' on '{pointer}' is not supported", "use add, replace or remove");
            }
        }

        return doc;
    }

    static (JsonNode Parent, string Last) Resolve(JsonObject doc, string pointer, string file)
    {
        var parts = pointer.Split('/').Skip(1).Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        JsonNode node = doc;
        foreach (var part in parts.SkipLast(1))
        {
            node = (node is JsonArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)] : node[part])
                ?? throw new PhaseException($"{file}: path '{pointer}' does not exist");
        }

        return (node, parts[^1]);
    }

    [GeneratedRegex(@"^(?<target>kube-apiserver|kube-controller-manager|kube-scheduler|etcd|kubeletconfiguration|corednsdeployment)(?<suffix>[^+.]*)(\+(?<type>strategic|merge|json))?\.(json|yaml)$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FileName();
}
