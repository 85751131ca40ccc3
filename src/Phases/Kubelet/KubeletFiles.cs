using System.Text;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Yaml;
using Kiln.Phases.Images;
using Kiln.Phases.Net;
using Kiln.Phases.StaticPods;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Kubelet;

/// <summary>The kubelet's files kubeadm writes (reference §4.1–4.2): config.yaml, kubeadm-flags.env and, from v1.34, instance-config.yaml.</summary>
public static class KubeletFiles
{
    /// <summary>The kubelet's directory, created 0700.</summary>
    public const string Dir = "/var/lib/kubelet";

    /// <summary>/var/lib/kubelet/config.yaml: kubeadm's values over the user's KubeletConfiguration, where the user left them unset.</summary>
    public static string Config(KubeadmConfig config, bool includeNodeSpecific = true)
    {
        ArgumentNullException.ThrowIfNull(config);
        var i = ManifestInputs.For(config);
        var tree = YamlTree.Load(ConfigPrinter.ComponentDefaults("KubeletConfiguration"));
        var service = (i.Cluster.Networking.ServiceSubnet ?? "10.96.0.0/12").Split(',')[0].Trim();
        var dns = NetParse.TryParseCidr(service, out var cidr, out _) ? cidr.Nth(10).ToString() : "10.96.0.10";
        YamlTree.Set(tree, ["clusterDNS"], new YamlSequenceNode(new YamlScalarNode(dns)));
        YamlTree.Set(tree, ["clusterDomain"], new YamlScalarNode(i.Cluster.Networking.DnsDomain ?? "cluster.local"));
        YamlTree.Set(tree, ["authentication", "x509", "clientCAFile"], new YamlScalarNode($"{i.Pki}/ca.crt"));
        YamlTree.Set(tree, ["containerRuntimeEndpoint"], new YamlScalarNode(includeNodeSpecific && i.Traits.NodeLocalCriSocket ? i.Init.NodeRegistration.CriSocket ?? "" : "")
        {
            Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted,
        });
        if (config.Kubelet?.Tree is { } user)
        {
            YamlTree.Overlay(tree, user);
            // kubeadm forces certificate rotation on
            YamlTree.Set(tree, ["rotateCertificates"], new YamlScalarNode("true"));
        }

        return YamlWriter.Write(tree);
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

        defaults.Add(("pod-infra-container-image", ControlPlaneImages.For(i.Cluster).First(x => string.Equals(x.Component, "pause", StringComparison.Ordinal)).Reference));
        if (registerTaints && i.Init.NodeRegistration.Taints is { Count: > 0 } taints)
        {
            defaults.Add(("register-with-taints", string.Join(',', taints.Select(t => $"{t.Key}{(t.Value is { Length: > 0 } v ? "=" + v : "")}:{t.Effect}"))));
        }

        var flags = ComponentArgs.Command("", defaults, i.Init.NodeRegistration.KubeletExtraArgs).Skip(1);
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
