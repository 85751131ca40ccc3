using System.Security.Cryptography;
using System.Text;
using k8s.Models;

namespace Kiln.Phases.Cluster;

/// <summary>
/// kubeadm's signature of a component-config ConfigMap (cmd/kubeadm/app/componentconfigs/checksums.go): SHA-256 over the
/// values of <c>data</c> in key order, then those of <c>binaryData</c> in key order (keys themselves are not hashed),
/// written <c>sha256:&lt;hex&gt;</c>. kubeadm signs <c>kubelet-config</c> and <c>kube-proxy</c> only when it generated the
/// component config; one the user supplied goes up unsigned, and a missing or stale signature later tells kubeadm the
/// config is the user's.
/// </summary>
public static class ComponentConfigHash
{
    /// <summary>The annotation key (cmd/kubeadm/app/constants/constants.go, ComponentConfigHashAnnotationKey).</summary>
    public const string Annotation = "kubeadm.kubernetes.io/component-config.hash";

    /// <summary>The checksum of a ConfigMap's data.</summary>
    public static string Of(IDictionary<string, string>? data, IDictionary<string, byte[]>? binaryData = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Go's sort.Strings orders by bytes; for the ASCII keys of ConfigMaps that is ordinal order
        foreach (var key in (data?.Keys ?? []).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(data![key]));
        }

        foreach (var key in (binaryData?.Keys ?? []).Order(StringComparer.Ordinal))
        {
            hash.AppendData(binaryData![key]);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Annotates the ConfigMap with the checksum of its data (kubeadm's SignConfigMap).</summary>
    public static V1ConfigMap Sign(V1ConfigMap configMap)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        configMap.Metadata ??= new V1ObjectMeta();
        configMap.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        configMap.Metadata.Annotations[Annotation] = Of(configMap.Data, configMap.BinaryData);
        return configMap;
    }
}
