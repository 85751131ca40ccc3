using k8s.Models;
using Kiln.Phases.Cluster;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Yaml;
using Kiln.Phases.Images;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.StaticPods;
using Kiln.Phases.Workflow;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Addons;

/// <summary><c>addon/kube-proxy</c> (cmd/kubeadm/app/phases/addons/proxy/proxy.go): its ServiceAccount, RBAC, ConfigMap and DaemonSet.</summary>
public static class KubeProxyAddon
{
    const string Ns = "kube-system";
    const string Name = "kube-proxy";

    /// <summary>The phase.</summary>
    public static PhaseDefinition Definition { get; } = LivePhase.Define("addon/kube-proxy", "Install the kube-proxy addon to a Kubernetes cluster", Capabilities.ClusterApi, RunAsync) with
    {
        SkipReason = c => c.Config.Cluster?.Proxy.Disabled == true ? SkipReason.ByConfig("proxy.disabled is set in the ClusterConfiguration") : null,
    };

    /// <summary>config.conf: kubeadm's KubeProxyConfiguration defaults under the user's values, with the node-independent fields set.</summary>
    public static string ConfigConf(KubeadmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var i = ManifestInputs.For(config);
        var tree = YamlTree.Load(ConfigPrinter.ComponentDefaults("KubeProxyConfiguration"));
        if (config.KubeProxy?.Tree is { } user)
        {
            YamlTree.Overlay(tree, user);
        }

        YamlTree.Set(tree, ["bindAddress"], new YamlScalarNode(i.Advertise.Contains(':', StringComparison.Ordinal) ? "::" : "0.0.0.0"));
        YamlTree.Set(tree, ["clusterCIDR"], new YamlScalarNode(i.Cluster.Networking.PodSubnet ?? "") { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted });
        YamlTree.Set(tree, ["clientConnection", "kubeconfig"], new YamlScalarNode("/var/lib/kube-proxy/kubeconfig.conf"));
        if (i.Traits.KubeProxyModeExplicit && (!tree.Children.TryGetValue(new YamlScalarNode("mode"), out var mode) || mode is YamlScalarNode { Value: null or "" }))
        {
            // v1.37 writes the mode kube-proxy picks on Linux, so the default can change (nftables, v1.40) without moving clusters (#139777)
            YamlTree.Set(tree, ["mode"], new YamlScalarNode("iptables"));
        }

        return YamlWriter.Write(tree);
    }

    /// <summary>kubeconfig.conf: the in-cluster service account credentials and the control-plane endpoint.</summary>
    public static string KubeConfigConf(KubeadmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var server = ApiEndpoints.ControlPlane(config.Init ?? new(), config.Cluster ?? new());
        return "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n"
            + $"    server: {server}\n  name: default\ncontexts:\n- context:\n    cluster: default\n    namespace: default\n    user: default\n  name: default\n"
            + "current-context: default\nusers:\n- name: default\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n";
    }

    /// <summary>The DaemonSet.</summary>
    public static V1DaemonSet DaemonSet(ManifestInputs i, IReadOnlyList<KeyValuePair<string, string>> proxyEnvironment)
    {
        ArgumentNullException.ThrowIfNull(i);
        ArgumentNullException.ThrowIfNull(proxyEnvironment);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["k8s-app"] = Name };
        var env = new List<V1EnvVar> { new() { Name = "NODE_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.nodeName" } } } };
        env.AddRange(proxyEnvironment.Select(p => new V1EnvVar { Name = p.Key, Value = p.Value }));
        return new V1DaemonSet
        {
            ApiVersion = "apps/v1", Kind = "DaemonSet",
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Ns, Labels = labels },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = labels },
                UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = "RollingUpdate" },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Containers =
                        [
                            new V1Container
                            {
                                Name = Name,
                                Image = ControlPlaneImages.For(i.Cluster).First(x => string.Equals(x.Component, Name, StringComparison.Ordinal)).Reference,
                                ImagePullPolicy = i.PullPolicy,
                                Command = ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
                                Env = env,
                                SecurityContext = new V1SecurityContext { Privileged = true },
                                VolumeMounts =
                                [
                                    new V1VolumeMount { Name = Name, MountPath = "/var/lib/kube-proxy" },
                                    new V1VolumeMount { Name = "xtables-lock", MountPath = "/run/xtables.lock" },
                                    new V1VolumeMount { Name = "lib-modules", MountPath = "/lib/modules", ReadOnlyProperty = true },
                                ],
                            },
                        ],
                        HostNetwork = true,
                        ServiceAccountName = Name,
                        PriorityClassName = "system-node-critical",
                        NodeSelector = new Dictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/os"] = "linux" },
                        Tolerations = [new V1Toleration { OperatorProperty = "Exists" }],
                        Volumes =
                        [
                            new V1Volume { Name = Name, ConfigMap = new V1ConfigMapVolumeSource { Name = Name } },
                            new V1Volume { Name = "xtables-lock", HostPath = new V1HostPathVolumeSource { Path = "/run/xtables.lock", Type = "FileOrCreate" } },
                            new V1Volume { Name = "lib-modules", HostPath = new V1HostPathVolumeSource { Path = "/lib/modules" } },
                        ],
                    },
                },
            },
        };
    }

    static async Task RunAsync(PhaseContext c, CancellationToken ct)
    {
        var i = ManifestInputs.For(c.Config);
        var api = await LivePhase.ApiAsync(c, ct);
        await api.ApplyAsync(new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Ns } }, ct);
        await api.ApplyAsync(Rbac.ClusterBinding("kubeadm:node-proxier", "system:node-proxier", Rbac.ServiceAccountSubject(Ns, Name)), ct);
        await Rbac.GrantGetAsync(api, Ns, Name, "configmaps", Name, [Rbac.GroupSubject(ConfigDefaults.NodeTokenGroup)], ct);
        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Ns, Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = Name } },
            Data = new Dictionary<string, string>(StringComparer.Ordinal) { ["config.conf"] = ConfigConf(c.Config), ["kubeconfig.conf"] = KubeConfigConf(c.Config) },
        };
        // signed only when Kiln generated the KubeProxyConfiguration (cmd/kubeadm/app/phases/addons/proxy/proxy.go)
        await api.ApplyAsync(c.Config.KubeProxy is null ? ComponentConfigHash.Sign(configMap) : configMap, ct);
        await api.ApplyAsync(DaemonSet(i, c.Host?.ProxyEnvironment ?? []), ct);
    }
}
