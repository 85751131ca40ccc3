using k8s;
using k8s.Autorest;
using Kiln.Phases.Cluster;
using Kiln.Phases.Config;
using Kiln.Phases.Join;
using Kiln.Phases.Tokens;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Sessions;

/// <summary>What a joining node reads from the cluster with its bootstrap token, once discovery has proved the CA.</summary>
static class ClusterReads
{
    /// <summary>The cluster's ClusterConfiguration (defaulted) and KubeletConfiguration, read as the token.</summary>
    /// <remarks>The RBAC kubeadm creates lets bootstrap tokens read both (cmd/kubeadm/app/phases/uploadconfig/uploadconfig.go).</remarks>
    public static async Task<FoundCluster> ReadAsync(DiscoveredCluster found, BootstrapTokenString token, CancellationToken ct)
    {
        var client = new Kubernetes(new KubernetesClientConfiguration { Host = found.Server, AccessToken = token.Reveal(), SslCaCerts = ClusterCa.Load(found.CaPem) });
        string clusterYaml;
        string kubelet;
        try
        {
            var kubeadmConfig = await client.CoreV1.ReadNamespacedConfigMapAsync(UploadConfigPhases.KubeadmConfigMap, "kube-system", cancellationToken: ct);
            var kubeletConfig = await client.CoreV1.ReadNamespacedConfigMapAsync(UploadConfigPhases.KubeletConfigMap, "kube-system", cancellationToken: ct);
            clusterYaml = Get(kubeadmConfig.Data, "ClusterConfiguration") ?? throw new PhaseException("kube-system/kubeadm-config has no ClusterConfiguration");
            kubelet = Get(kubeletConfig.Data, "kubelet") ?? throw new PhaseException("kube-system/kubelet-config has no kubelet key");
        }
        catch (HttpOperationException e)
        {
            throw new PhaseException($"cannot read the cluster's configuration with the bootstrap token: {ApiWriter.Describe(e)}",
                ApiWriter.Is(e, System.Net.HttpStatusCode.Unauthorized) ? "the token is not valid (expired or deleted?)" : "was the cluster set up by kubeadm or kiln?", e);
        }

        var loaded = ConfigLoader.Load("kube-system/kubeadm-config", clusterYaml);
        if (loaded.HasErrors || loaded.Config?.Cluster is not { } cluster)
        {
            throw new PhaseException("the cluster's kubeadm-config does not hold a valid ClusterConfiguration:\n" + loaded.Render());
        }

        return new FoundCluster(found.Server, found.CaPem, ConfigDefaults.Cluster(cluster), kubelet, client);
    }

    static string? Get(IDictionary<string, string>? data, string key) => data is not null && data.TryGetValue(key, out var v) ? v : null;
}
