using Kiln.Phases.Config.Model;
using Kiln.Phases.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Config;

/// <summary>
/// Reads kubeadm config files (any mix of the kinds kubeadm accepts), migrates v1beta3, applies
/// kubeadm's defaults and validates, returning every finding at once.
/// </summary>
public static class ConfigLoader
{
    internal const string KubeadmGroup = "kubeadm.k8s.io";
    internal const string V1Beta4 = "kubeadm.k8s.io/v1beta4";
    internal const string KubeletApi = "kubelet.config.k8s.io/v1beta1";
    internal const string KubeProxyApi = "kubeproxy.config.k8s.io/v1alpha1";

    static readonly Dictionary<string, string[]> s_kinds = new(StringComparer.Ordinal)
    {
        [V1Beta4] = ["InitConfiguration", "ClusterConfiguration", "JoinConfiguration", "ResetConfiguration", "UpgradeConfiguration"],
        [V1Beta3.ApiVersion] = ["InitConfiguration", "ClusterConfiguration", "JoinConfiguration"],
        [KubeletApi] = ["KubeletConfiguration"],
        [KubeProxyApi] = ["KubeProxyConfiguration"],
    };

    /// <summary>Loads, defaults and validates a config file's text.</summary>
    /// <param name="file">The name to show in findings.</param>
    /// <param name="text">The file's content.</param>
    /// <param name="host">Host facts for dynamic defaults; null leaves them unset.</param>
    /// <param name="migrating">The file is read to be migrated: v1beta3 is read whatever the target version.</param>
    public static ConfigLoadResult Load(string file, string text, HostFacts? host = null, bool migrating = false)
    {
        var findings = new List<ConfigError>();
        var parsed = Parse(file, text, findings);
        // binding errors leave their fields unset; validation still runs, so every error is reported at once
        if (parsed is null)
        {
            return new ConfigLoadResult(null, findings, file, text);
        }

        var config = ConfigDefaults.Apply(parsed, host);
        ConfigValidator.Validate(config, findings);
        if (!migrating)
        {
            V1Beta3Retired(config, findings);
        }

        return new ConfigLoadResult(config, findings, file, text);
    }

    /// <summary>kubeadm v1.37 no longer reads v1beta3 (#136016); Kiln still migrates it, and refuses it for a v1.37+ target.</summary>
    static void V1Beta3Retired(KubeadmConfig config, List<ConfigError> findings)
    {
        if (!Versions.KubernetesVersion.TryParse(config.Cluster?.KubernetesVersion, out var v) || !Versions.VersionTable.IsSupported(v)
            || Versions.VersionTable.TraitsFor(v).ReadsV1Beta3)
        {
            return;
        }

        foreach (var d in config.Documents.Where(d => string.Equals(d.ApiVersion, V1Beta3.ApiVersion, StringComparison.Ordinal)))
        {
            findings.Add(new ConfigError(d.ApiVersionAt, "apiVersion", $"{V1Beta3.ApiVersion} is not read for Kubernetes {v.MinorLine} (kubeadm v1.37 removed it)",
                V1Beta4, $"convert the file with 'kiln config migrate --old-config {d.File}'"));
        }
    }

    /// <summary>Parses and binds without defaults or semantic validation (for migration and tests).</summary>
    internal static KubeadmConfig? Parse(string file, string text, ICollection<ConfigError> findings)
    {
        if (YamlSource.Load(file, text, findings) is not { } docs)
        {
            return null;
        }

        if (docs.Count == 0)
        {
            findings.Add(new ConfigError(SourceLocation.StartOf(file), "", "the file holds no YAML document", null,
                "start from 'kiln config print init-defaults'"));
            return null;
        }

        var config = new KubeadmConfig();
        var documents = new List<ConfigDocument>();
        foreach (var doc in docs)
        {
            var document = Identify(file, doc.RootNode, findings);
            if (document is null)
            {
                continue;
            }

            if (documents.Any(d => string.Equals(d.Kind, document.Kind, StringComparison.Ordinal)))
            {
                findings.Add(new ConfigError(document.Start, "kind", $"a second {document.Kind} in one file", null,
                    "keep one document of each kind"));
                continue;
            }

            documents.Add(document);
            config = Bind(config, document, (YamlMappingNode)doc.RootNode, findings);
        }

        return config with { Documents = documents };
    }

    static ConfigDocument? Identify(string file, YamlNode root, ICollection<ConfigError> findings)
    {
        var at = SourceMark.Of(file, root);
        if (root is not YamlMappingNode map)
        {
            findings.Add(new ConfigError(at, "", $"a document must be a mapping with apiVersion and kind, found {YamlScalars.Describe(root)}"));
            return null;
        }

        var apiVersionNode = Child(map, "apiVersion");
        var kindNode = Child(map, "kind");
        var apiVersion = apiVersionNode?.Value ?? "";
        var kind = kindNode?.Value ?? "";
        if (apiVersionNode is null || kindNode is null)
        {
            var missing = apiVersionNode is null ? "apiVersion" : "kind";
            findings.Add(new ConfigError(at, missing, $"the document has no '{missing}'", null,
                "every document starts with e.g. 'apiVersion: kubeadm.k8s.io/v1beta4' and 'kind: InitConfiguration'"));
            return null;
        }

        var versionAt = SourceMark.Of(file, apiVersionNode);
        var kindAt = SourceMark.Of(file, kindNode);
        if (string.Equals(apiVersion, KubeadmGroup + "/v1", StringComparison.Ordinal))
        {
            // kubeadm v1.37 added kubeadm.k8s.io/v1 as an experimental copy of v1beta4 that no command accepts yet
            findings.Add(new ConfigError(versionAt, "apiVersion", $"'{apiVersion}' is experimental and not usable yet", V1Beta4,
                $"write 'apiVersion: {V1Beta4}'; the fields are the same"));
            return null;
        }

        if (!s_kinds.TryGetValue(apiVersion, out var kinds))
        {
            var known = s_kinds.Keys.ToList();
            var old = apiVersion.StartsWith(KubeadmGroup + "/", StringComparison.Ordinal);
            findings.Add(new ConfigError(versionAt, "apiVersion", $"unsupported apiVersion '{apiVersion}'",
                $"one of {string.Join(", ", known)}",
                old ? "v1beta1 and v1beta2 are no longer read: convert the file with kubeadm v1.30 or earlier, then 'kiln config migrate'"
                    : Suggest.Closest(apiVersion, known) is { } s ? $"did you mean '{s}'?" : null));
            return null;
        }

        if (!kinds.Contains(kind))
        {
            var allKinds = s_kinds.Values.SelectMany(k => k).Distinct(StringComparer.Ordinal).ToList();
            var hint = string.Equals(apiVersion, V1Beta3.ApiVersion, StringComparison.Ordinal) && V1Beta3.NewKinds.Contains(kind)
                ? $"{kind} exists only in {V1Beta4}"
                : Suggest.Closest(kind, allKinds) is { } s ? $"did you mean '{s}'?" : null;
            findings.Add(new ConfigError(kindAt, "kind", $"unknown kind '{kind}' for {apiVersion}", $"one of {string.Join(", ", kinds)}", hint));
            return null;
        }

        return new ConfigDocument(file, apiVersion, kind, kindAt) { ApiVersionAt = versionAt };
    }

    static KubeadmConfig Bind(KubeadmConfig config, ConfigDocument document, YamlMappingNode root, ICollection<ConfigError> findings)
    {
        var legacy = string.Equals(document.ApiVersion, V1Beta3.ApiVersion, StringComparison.Ordinal);
        var binder = new YamlBinder(document, findings) { Legacy = legacy };
        switch (document.Kind)
        {
            case "InitConfiguration":
                return config with { Init = Merge(binder.Bind<InitConfiguration>(root), config.Init) };
            case "ClusterConfiguration":
            {
                var timeout = legacy ? TakeLegacyDuration(root, "apiServer", "timeoutForControlPlane", document, findings) : null;
                config = config with { Cluster = binder.Bind<ClusterConfiguration>(root) };
                return timeout is null ? config : config with { Init = WithHealthCheck(config.Init ?? new(), timeout.Value) };
            }

            case "JoinConfiguration":
            {
                var timeout = legacy ? TakeLegacyDuration(root, "discovery", "timeout", document, findings) : null;
                var join = binder.Bind<JoinConfiguration>(root);
                return config with { Join = timeout is null ? join : join with { Timeouts = (join.Timeouts ?? new()) with { Discovery = timeout } } };
            }

            case "ResetConfiguration":
                return config with { Reset = binder.Bind<ResetConfiguration>(root) };
            case "UpgradeConfiguration":
                return config with { Upgrade = binder.Bind<UpgradeConfiguration>(root) };
            case "KubeletConfiguration":
                ComponentFields.Check(document, root, ComponentFields.Kubelet, findings);
                return config with { Kubelet = new ComponentConfig(document, root) };
            default:
                ComponentFields.Check(document, root, ComponentFields.KubeProxy, findings);
                return config with { KubeProxy = new ComponentConfig(document, root) };
        }
    }

    // a v1beta3 ClusterConfiguration's timeout lands in the InitConfiguration, whichever document comes first
    static InitConfiguration Merge(InitConfiguration bound, InitConfiguration? carried) =>
        carried?.Timeouts?.ControlPlaneComponentHealthCheck is { } t && bound.Timeouts?.ControlPlaneComponentHealthCheck is null
            ? WithHealthCheck(bound, t)
            : bound;

    static InitConfiguration WithHealthCheck(InitConfiguration init, GoDuration timeout) =>
        init with { Timeouts = (init.Timeouts ?? new()) with { ControlPlaneComponentHealthCheck = timeout } };

    static GoDuration? TakeLegacyDuration(YamlMappingNode root, string parent, string key, ConfigDocument document, ICollection<ConfigError> findings)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(parent), out var sectionNode) || sectionNode is not YamlMappingNode section
            || !section.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        section.Children.Remove(new YamlScalarNode(key));
        var path = $"{parent}.{key}";
        var at = SourceMark.Of(document.File, node);
        document.Locations[path] = at;
        if (node is YamlScalarNode s && GoDuration.TryParse(s.Value ?? "", out var d))
        {
            return d;
        }

        findings.Add(new ConfigError(at, path, $"'{(node as YamlScalarNode)?.Value}' is not a duration", "a duration such as 4m0s, 90s or 24h"));
        return null;
    }

    static YamlScalarNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node as YamlScalarNode : null;
}
