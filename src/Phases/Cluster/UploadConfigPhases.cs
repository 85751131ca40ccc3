using k8s.Models;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Yaml;
using Kiln.Phases.Kubelet;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Cluster;

/// <summary><c>upload-config/kubeadm</c> and <c>upload-config/kubelet</c> (cmd/kubeadm/app/phases/uploadconfig/uploadconfig.go, cmd/kubeadm/app/phases/bootstraptoken/node/tlsbootstrap.go).</summary>
public static class UploadConfigPhases
{
    /// <summary>The kubeadm-config ConfigMap's name.</summary>
    public const string KubeadmConfigMap = "kubeadm-config";

    /// <summary>The kubelet-config ConfigMap's name.</summary>
    public const string KubeletConfigMap = "kubelet-config";

    /// <summary>upload-config/kubeadm.</summary>
    public static PhaseDefinition Kubeadm { get; } = LivePhase.Define("upload-config/kubeadm",
        "Upload the kubeadm ClusterConfiguration to a ConfigMap", Capabilities.ClusterApi, RunKubeadmAsync);

    /// <summary>upload-config/kubelet.</summary>
    public static PhaseDefinition Kubelet { get; } = LivePhase.Define("upload-config/kubelet",
        "Upload the kubelet component config to a ConfigMap", Capabilities.ClusterApi, RunKubeletAsync);

    /// <summary>Both, in order.</summary>
    public static IReadOnlyList<PhaseDefinition> All { get; } = [Kubeadm, Kubelet];

    /// <summary>The ClusterConfiguration as stored in kubeadm-config (component configs are not part of it).</summary>
    public static string ClusterConfigurationYaml(KubeadmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return YamlWriter.Write(config.Cluster ?? new(), ConfigLoader.V1Beta4, "ClusterConfiguration");
    }

    static async Task RunKubeadmAsync(PhaseContext c, CancellationToken ct)
    {
        var api = await LivePhase.ApiAsync(c, ct);
        await api.ApplyAsync(ConfigMap(KubeadmConfigMap, "ClusterConfiguration", ClusterConfigurationYaml(c.Config)), ct);
        await Rbac.GrantGetAsync(api, "kube-system", "kubeadm:nodes-kubeadm-config", "configmaps", KubeadmConfigMap,
            [Rbac.GroupSubject(ConfigDefaults.NodeTokenGroup), Rbac.GroupSubject("system:nodes")], ct);
    }

    static async Task RunKubeletAsync(PhaseContext c, CancellationToken ct)
    {
        var api = await LivePhase.ApiAsync(c, ct);
        var configMap = ConfigMap(KubeletConfigMap, "kubelet", KubeletFiles.Config(c.Config, includeNodeSpecific: false));
        // signed only when Kiln generated the KubeletConfiguration (cmd/kubeadm/app/phases/kubelet/config.go, CreateConfigMap)
        await api.ApplyAsync(c.Config.Kubelet is null ? ComponentConfigHash.Sign(configMap) : configMap, ct);
        await Rbac.GrantGetAsync(api, "kube-system", "kubeadm:kubelet-config", "configmaps", KubeletConfigMap,
            [Rbac.GroupSubject("system:nodes"), Rbac.GroupSubject(ConfigDefaults.NodeTokenGroup)], ct);
    }

    static V1ConfigMap ConfigMap(string name, string key, string value) => new()
    {
        ApiVersion = "v1", Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "kube-system" },
        Data = new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value },
    };
}
