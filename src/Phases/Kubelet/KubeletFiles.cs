using System.Text;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Yaml;
using Kiln.Phases.Images;
using Kiln.Phases.StaticPods;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Kubelet;

/// <summary>The kubelet's files kubeadm writes (cmd/kubeadm/app/componentconfigs/kubelet.go–4.2): config.yaml, kubeadm-flags.env and, from v1.34, instance-config.yaml.</summary>
public static class KubeletFiles
{
    /// <summary>The kubelet's directory, created 0700.</summary>
    public const string Dir = "/var/lib/kubelet";

    /// <summary>Where systemd-resolved keeps the upstream resolvers; the stub in /etc/resolv.conf would make CoreDNS loop.</summary>
    public const string ResolvedResolvConf = "/run/systemd/resolve/resolv.conf";

    /// <summary>
    /// /var/lib/kubelet/config.yaml: kubeadm's values over the user's KubeletConfiguration, where the user left them unset.
    /// With <paramref name="includeNodeSpecific"/> the node's own values are merged in (<paramref name="host"/>: facts of
    /// the machine it runs on, when that is this one); without, the text is the cluster-wide one of the
    /// <c>kubelet-config</c> ConfigMap.
    /// </summary>
    public static string Config(KubeadmConfig config, bool includeNodeSpecific = true, HostFacts? host = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var i = ManifestInputs.For(config);
        var tree = YamlTree.Load(ConfigPrinter.ComponentDefaults("KubeletConfiguration"));
        var dns = ConfigDefaults.ClusterDnsIp(i.Cluster.Networking) ?? "10.96.0.10";
        YamlTree.Set(tree, ["clusterDNS"], new YamlSequenceNode(new YamlScalarNode(dns)));
        YamlTree.Set(tree, ["clusterDomain"], new YamlScalarNode(i.Cluster.Networking.DnsDomain ?? "cluster.local"));
        YamlTree.Set(tree, ["authentication", "x509", "clientCAFile"], new YamlScalarNode($"{i.Pki}/ca.crt"));
        YamlTree.Set(tree, ["containerRuntimeEndpoint"], new YamlScalarNode("") { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted });
        if (config.Kubelet?.Tree is { } user)
        {
            YamlTree.Overlay(tree, user);
            // kubeadm forces certificate rotation on
            YamlTree.Set(tree, ["rotateCertificates"], new YamlScalarNode("true"));
        }

        if (includeNodeSpecific)
        {
            MergeNodeSpecific(tree, config, host);
        }

        return YamlWriter.Write(tree);
    }

    /// <summary>
    /// A joining node's config.yaml: the cluster's <c>kubelet-config</c> text with this node's own values merged in, as
    /// kubeadm merges instance-config.yaml into it (cmd/kubeadm/app/phases/kubelet/config.go).
    /// </summary>
    public static string ForNode(string clusterKubeletConfig, KubeadmConfig config, HostFacts? host)
    {
        ArgumentNullException.ThrowIfNull(config);
        var tree = YamlTree.Load(clusterKubeletConfig);
        MergeNodeSpecific(tree, config, host);
        return YamlWriter.Write(tree);
    }

    /// <summary>
    /// The node's own values, never in the cluster-wide ConfigMap: the CRI socket where NodeLocalCRISocket is on, and,
    /// when systemd-resolved runs on this node and the config names no <c>resolvConf</c>, its upstream resolv.conf
    /// (kubeadm v1.38 keeps it out of the ConfigMap, #141337; Kiln does so for every minor).
    /// </summary>
    static void MergeNodeSpecific(YamlMappingNode tree, KubeadmConfig config, HostFacts? host)
    {
        var i = ManifestInputs.For(config);
        if (i.Traits.NodeLocalCriSocket)
        {
            YamlTree.Set(tree, ["containerRuntimeEndpoint"], new YamlScalarNode(i.Init.NodeRegistration.CriSocket ?? ConfigDefaults.CriSocket)
            {
                Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted,
            });
        }

        var userResolv = config.Kubelet?.Tree is { } user && user.Children.ContainsKey(new YamlScalarNode("resolvConf"));
        if (host is { SystemdResolved: true } && !userResolv && !tree.Children.ContainsKey(new YamlScalarNode("resolvConf")))
        {
            YamlTree.Set(tree, ["resolvConf"], new YamlScalarNode(ResolvedResolvConf));
        }
    }

    /// <summary>/var/lib/kubelet/kubeadm-flags.env: one line, flags sorted, the value Go-%q-quoted.</summary>
    /// <param name="config">The init config.</param>
    /// <param name="host">This host's facts: <c>--hostname-override</c> is written when the node name differs from its hostname.</param>
    /// <param name="registerTaints">Write <c>nodeRegistration.taints</c> as <c>--register-with-taints</c> (joins; init taints the node in mark-control-plane).</param>
    public static string FlagsEnv(KubeadmConfig config, HostFacts? host = null, bool registerTaints = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        var i = ManifestInputs.For(config);
        var defaults = new List<(string, string)>();
        if (!i.Traits.NodeLocalCriSocket)
        {
            defaults.Add(("container-runtime-endpoint", i.Init.NodeRegistration.CriSocket ?? ConfigDefaults.CriSocket));
        }

        if (host is not null && !string.Equals(host.Hostname.Trim().ToLowerInvariant(), i.NodeName, StringComparison.Ordinal))
        {
            defaults.Add(("hostname-override", i.NodeName));
        }

        if (i.Traits.PodInfraContainerImageFlag)
        {
            defaults.Add(("pod-infra-container-image", ControlPlaneImages.For(i.Cluster).First(x => string.Equals(x.Component, "pause", StringComparison.Ordinal)).Reference));
        }

        if (registerTaints && i.Init.NodeRegistration.Taints is { Count: > 0 } taints)
        {
            defaults.Add(("register-with-taints", string.Join(',', taints.Select(t => $"{t.Key}{(t.Value is { Length: > 0 } v ? "=" + v : "")}:{t.Effect}"))));
        }

        var flags = ComponentArgs.Command("", defaults, i.Init.NodeRegistration.KubeletExtraArgs, i.Traits.SortsUserExtraArgs).Skip(1);
        return $"KUBELET_KUBEADM_ARGS={GoQuote(string.Join(' ', flags))}\n";
    }

    /// <summary>/var/lib/kubelet/instance-config.yaml (v1.34, NodeLocalCRISocket): the node's CRI socket; null before v1.34.</summary>
    public static string? InstanceConfig(KubeadmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var i = ManifestInputs.For(config);
        return i.Traits.NodeLocalCriSocket
            ? $"apiVersion: kubelet.config.k8s.io/v1beta1\ncontainerRuntimeEndpoint: {YamlWriter.Quote(i.Init.NodeRegistration.CriSocket ?? ConfigDefaults.CriSocket)}\nkind: KubeletConfiguration\n"
            : null;
    }

    /// <summary>Go's %q for an ASCII string: double quotes, with backslash and quote escaped.</summary>
    public static string GoQuote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in s)
        {
            sb.Append(ch switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t", _ => ch.ToString() });
        }

        return sb.Append('"').ToString();
    }
}
