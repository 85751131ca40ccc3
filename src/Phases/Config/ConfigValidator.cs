using System.Text.RegularExpressions;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Net;

namespace Kiln.Phases.Config;

/// <summary>kubeadm's validation (cmd/kubeadm/app/apis/kubeadm/validation/validation.go) over a defaulted config; every finding is collected.</summary>
public static partial class ConfigValidator
{
    /// <summary>Validates every kind present and adds the findings.</summary>
    public static void Validate(KubeadmConfig config, ICollection<ConfigError> findings)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Cluster is { } cluster)
        {
            ValidateCluster(cluster, Check(config, "ClusterConfiguration", findings));
        }

        if (config.Init is { } init)
        {
            ValidateInit(init, Check(config, "InitConfiguration", findings));
        }

        if (config.Join is { } join)
        {
            ValidateJoin(join, Check(config, "JoinConfiguration", findings));
        }

        if (config.Reset is { } reset)
        {
            ValidateReset(reset, Check(config, "ResetConfiguration", findings));
        }

        if (config.Upgrade is { } upgrade)
        {
            ValidateUpgrade(upgrade, Check(config, "UpgradeConfiguration", findings));
        }

        if (config.KubeProxy is { } proxy && Versions.KubernetesVersion.TryParse(config.Cluster?.KubernetesVersion, out var v)
            && Versions.VersionTable.IsSupported(v) && Versions.VersionTable.TraitsFor(v).KubeProxyModeExplicit
            && proxy.Tree.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("mode"), out var mode)
            && mode is YamlDotNet.RepresentationModel.YamlScalarNode { Value: "ipvs" })
        {
            // kube-proxy's ipvs mode is deprecated (#134539) and kubeadm v1.37 warns (#139067)
            new Checker(proxy.Document, findings).Warn("mode", $"kube-proxy's ipvs mode is deprecated in {v.MinorLine}", "iptables or nftables",
                "move to nftables (the default on Linux from v1.40) or iptables");
        }

        if (config.Kubelet is { } kubelet)
        {
            ClusterDns(kubelet, config.Cluster?.Networking ?? new Networking(), findings);
        }
    }

    // cmd/kubeadm/app/componentconfigs/kubelet.go (Default): a user clusterDNS other than exactly the cluster DNS address
    // is kept, with kubeadm's warning (warnDefaultComponentConfigValue's wording, Go's %v of a string slice)
    static void ClusterDns(ComponentConfig kubelet, Networking networking, ICollection<ConfigError> findings)
    {
        if (!kubelet.Tree.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("clusterDNS"), out var node)
            || node is not YamlDotNet.RepresentationModel.YamlSequenceNode list || ConfigDefaults.ClusterDnsIp(networking) is not { } expected)
        {
            return;
        }

        var given = list.Children.Select(c => (c as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? c.ToString()).ToList();
        if (given.Count != 1 || !string.Equals(given[0], expected, StringComparison.Ordinal))
        {
            new Checker(kubelet.Document, findings).Warn("clusterDNS",
                $"The recommended value for \"clusterDNS\" in \"KubeletConfiguration\" is: [{expected}]; the provided value is: [{string.Join(' ', given)}]",
                hint: $"CoreDNS's Service gets {expected}, the 10th address of the service subnet; pods told another address need a DNS server there");
        }
    }

    // a kind the file does not hold can still carry a value from another document (a v1beta3 ClusterConfiguration's
    // apiServer.timeoutForControlPlane lands in the InitConfiguration): its errors point at the file's first document
    static Checker Check(KubeadmConfig config, string kind, ICollection<ConfigError> findings) =>
        new(config.DocumentOf(kind) ?? (config.Documents.Count > 0 ? config.Documents[0] : null)
            ?? new ConfigDocument("(defaults)", ConfigLoader.V1Beta4, kind, SourceLocation.StartOf("(defaults)")), findings);

    static void ValidateInit(InitConfiguration c, Checker check)
    {
        var tokens = c.BootstrapTokens ?? [];
        for (var i = 0; i < tokens.Count; i++)
        {
            Token(tokens[i], $"bootstrapTokens[{i}]", check);
        }

        NodeRegistration(c.NodeRegistration, "nodeRegistration", check);
        Endpoint(c.LocalApiEndpoint, "localAPIEndpoint", check);
        CertificateKey(c.CertificateKey, "certificateKey", check);
        Timeouts(c.Timeouts, check);
    }

    static void ValidateJoin(JoinConfiguration c, Checker check)
    {
        NodeRegistration(c.NodeRegistration, "nodeRegistration", check);
        if (c.CaCertPath is { } ca && (!ca.StartsWith('/') || !ca.EndsWith(".crt", StringComparison.Ordinal)))
        {
            check.Error("caCertPath", $"'{ca}' must be an absolute path ending in .crt", "an absolute path ending in .crt", "e.g. /etc/kubernetes/pki/ca.crt");
        }

        Discovery(c.Discovery, check);
        if (c.ControlPlane is { } cp)
        {
            Endpoint(cp.LocalApiEndpoint, "controlPlane.localAPIEndpoint", check);
            CertificateKey(cp.CertificateKey, "controlPlane.certificateKey", check);
        }

        Timeouts(c.Timeouts, check);
    }

    static void ValidateReset(ResetConfiguration c, Checker check)
    {
        AbsolutePath(c.CertificatesDir, "certificatesDir", check);
        CriSocket(c.CriSocket, "criSocket", check);
        IgnorePreflightErrors(c.IgnorePreflightErrors, "ignorePreflightErrors", check);
        string[] flags = ["MNT_FORCE", "MNT_DETACH", "MNT_EXPIRE", "UMOUNT_NOFOLLOW"];
        var unmount = c.UnmountFlags ?? [];
        for (var i = 0; i < unmount.Count; i++)
        {
            if (!flags.Contains(unmount[i]))
            {
                check.Error($"unmountFlags[{i}]", $"unknown unmount flag '{unmount[i]}'", $"one of {string.Join(", ", flags)}",
                    Yaml.Suggest.Closest(unmount[i], flags) is { } s ? $"did you mean '{s}'?" : null);
            }
        }

        Timeouts(c.Timeouts, check);
    }

    static void ValidateUpgrade(UpgradeConfiguration c, Checker check)
    {
        OptionalVersion(c.Apply.KubernetesVersion, "apply.kubernetesVersion", check);
        OptionalVersion(c.Plan.KubernetesVersion, "plan.kubernetesVersion", check);
        OptionalVersion(c.Diff.KubernetesVersion, "diff.kubernetesVersion", check);
        PullPolicy(c.Apply.ImagePullPolicy, "apply.imagePullPolicy", check);
        PullPolicy(c.Node.ImagePullPolicy, "node.imagePullPolicy", check);
        IgnorePreflightErrors(c.Apply.IgnorePreflightErrors, "apply.ignorePreflightErrors", check);
        IgnorePreflightErrors(c.Node.IgnorePreflightErrors, "node.ignorePreflightErrors", check);
        IgnorePreflightErrors(c.Plan.IgnorePreflightErrors, "plan.ignorePreflightErrors", check);
        if (c.Diff.ContextLines < 0)
        {
            check.Error("diff.contextLines", $"'{c.Diff.ContextLines}' is negative", "zero or more lines");
        }

        Timeouts(c.Timeouts, check);
    }

    static void NodeRegistration(NodeRegistrationOptions n, string path, Checker check)
    {
        if (string.IsNullOrEmpty(n.Name))
        {
            check.Error($"{path}.name", "the node name is required", "a DNS-1123 subdomain", "set nodeRegistration.name, or run on a host with a hostname");
        }
        else if (!NetParse.IsDns1123Subdomain(n.Name))
        {
            check.Error($"{path}.name", $"'{n.Name}' is not a valid node name", "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
                n.Name.Any(char.IsUpper) && NetParse.IsDns1123Subdomain(n.Name.ToLowerInvariant()) ? $"use '{n.Name.ToLowerInvariant()}'" : null);
        }

        CriSocket(n.CriSocket, $"{path}.criSocket", check);
        PullPolicy(n.ImagePullPolicy, $"{path}.imagePullPolicy", check);
        Args(n.KubeletExtraArgs, $"{path}.kubeletExtraArgs", check);
        IgnorePreflightErrors(n.IgnorePreflightErrors, $"{path}.ignorePreflightErrors", check);
        var taints = n.Taints ?? [];
        string[] effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
        for (var i = 0; i < taints.Count; i++)
        {
            if (!QualifiedName().IsMatch(taints[i].Key))
            {
                check.Error($"{path}.taints[{i}].key", $"'{taints[i].Key}' is not a valid taint key", "an optional DNS prefix and '/', then letters, digits, '-', '_' or '.'");
            }

            if (!effects.Contains(taints[i].Effect))
            {
                check.Error($"{path}.taints[{i}].effect", $"'{taints[i].Effect}' is not a taint effect", $"one of {string.Join(", ", effects)}");
            }
        }
    }

    static void CriSocket(string? socket, string path, Checker check)
    {
        if (socket is null)
        {
            return;
        }

        if (socket.StartsWith('/'))
        {
            check.Warn(path, $"'{socket}' has no URL scheme; kubeadm treats it as unix://{socket}", "unix:///path/to/socket", $"write 'unix://{socket}'");
        }
        else if (!socket.StartsWith("unix:///", StringComparison.Ordinal))
        {
            check.Error(path, $"'{socket}' is not a unix socket URL", "unix:///path/to/socket", $"e.g. {ConfigDefaults.CriSocket}");
        }
    }

    static void PullPolicy(string? policy, string path, Checker check)
    {
        string[] allowed = ["Always", "IfNotPresent", "Never"];
        if (policy is not null && !allowed.Contains(policy))
        {
            check.Error(path, $"'{policy}' is not an image pull policy", $"one of {string.Join(", ", allowed)}",
                Yaml.Suggest.Closest(policy, allowed) is { } s ? $"did you mean '{s}'?" : null);
        }
    }

    static void Args(IReadOnlyList<Arg>? args, string path, Checker check)
    {
        var list = args ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Name.Length == 0)
            {
                check.Error($"{path}[{i}].name", "the argument name is empty", "a flag name without leading dashes");
            }
            else if (list[i].Name.StartsWith('-'))
            {
                check.Error($"{path}[{i}].name", $"'{list[i].Name}' starts with a dash", "a flag name without leading dashes", $"write '{list[i].Name.TrimStart('-')}'");
            }
        }
    }

    static void IgnorePreflightErrors(IReadOnlyList<string>? names, string path, Checker check)
    {
        var list = names ?? [];
        var hasAll = list.Any(n => n.Equals("all", StringComparison.OrdinalIgnoreCase));
        if (hasAll && list.Count > 1)
        {
            check.Error(path, "'all' cannot be combined with other check names", "either 'all' or a list of check names");
        }
    }

    static void Endpoint(ApiEndpoint e, string path, Checker check)
    {
        if (e.AdvertiseAddress is { } a && !NetParse.TryParseIp(a, out _))
        {
            check.Error($"{path}.advertiseAddress", $"'{a}' is not an IP address", "an IPv4 or IPv6 address of this node", "e.g. 192.168.1.10");
        }

        if (e.BindPort is < 1 or > 65535)
        {
            check.Error($"{path}.bindPort", $"'{e.BindPort}' is not a port", "1 to 65535", "the default is 6443");
        }
    }

    static void CertificateKey(string? key, string path, Checker check)
    {
        if (key is not null && !HexKey().IsMatch(key))
        {
            check.SecretError(path, $"the certificate key is not 64 hex characters ({key.Length} characters given)", "64 hexadecimal characters (32 bytes)",
                "generate one with 'kiln certs certificate-key'");
        }
    }

    static void Timeouts(Timeouts? t, Checker check)
    {
        if (t is null)
        {
            return;
        }

        foreach (var field in Yaml.YamlFields.Of(typeof(Timeouts)))
        {
            if (field.Property.GetValue(t) is GoDuration d && d.Value < TimeSpan.Zero)
            {
                check.Error($"timeouts.{field.Name}", $"'{d}' is negative", "a duration of zero or more");
            }
        }
    }

    static void AbsolutePath(string? path, string field, Checker check)
    {
        if (path is not null && !path.StartsWith('/'))
        {
            check.Error(field, $"'{path}' is not an absolute path", "a path starting with '/'");
        }
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HexKey();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex QualifiedName();
}
