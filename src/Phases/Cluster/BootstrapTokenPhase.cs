using k8s.Models;
using Kiln.Phases.Config;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.Tokens;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Cluster;

/// <summary>
/// <c>bootstrap-token</c>: the tokens' Secrets, the RBAC that lets a token holder join (cmd/kubeadm/app/phases/bootstraptoken/node/token.go–5.4), and
/// <c>kube-public/cluster-info</c> with its anonymous read access (cmd/kubeadm/app/phases/bootstraptoken/clusterinfo/clusterinfo.go). The signatures in cluster-info are added by
/// the controller-manager's bootstrapsigner, not here.
/// </summary>
public static class BootstrapTokenPhase
{
    /// <summary>The cluster-info ConfigMap's name.</summary>
    public const string ClusterInfo = "cluster-info";

    /// <summary>The phase.</summary>
    public static PhaseDefinition Definition { get; } = LivePhase.Define("bootstrap-token",
        "Generates bootstrap tokens used to join a node to a cluster", Capabilities.ClusterApi, RunAsync);

    /// <summary>The kubeconfig cluster-info holds: one cluster named "", no users or contexts.</summary>
    public static string ClusterInfoKubeConfig(string server, byte[] caPem)
    {
        ArgumentNullException.ThrowIfNull(server);
        return "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: " + Convert.ToBase64String(caPem)
            + "\n    server: " + server + "\n  name: \"\"\ncontexts: null\ncurrent-context: \"\"\nkind: Config\npreferences: {}\nusers: null\n";
    }

    /// <summary>The ClusterRoleBinding that gives the API server's kubelet client the kubelet API (v1.37+).</summary>
    public const string KubeletApiAdminBinding = "kubeadm:apiserver-kubelet-client";

    static async Task RunAsync(PhaseContext c, CancellationToken ct)
    {
        var api = await LivePhase.ApiAsync(c, ct);
        foreach (var token in c.Config.Init?.BootstrapTokens ?? [])
        {
            if (token.Token is null)
            {
                throw new PhaseException("a bootstrap token in the InitConfiguration has no value", "set bootstrapTokens[].token, or let `kiln init` generate one");
            }

            await api.ApplyAsync(BootstrapTokenSecret.From(token, c.Clock.GetUtcNow()).ToSecret(), ct);
        }

        var nodeTokens = Rbac.GroupSubject(ConfigDefaults.NodeTokenGroup);
        await api.ApplyAsync(Rbac.ClusterBinding("kubeadm:kubelet-bootstrap", "system:node-bootstrapper", nodeTokens), ct);
        await api.ApplyAsync(new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "ClusterRole",
            Metadata = new V1ObjectMeta { Name = "kubeadm:get-nodes" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["nodes"], Verbs = ["get"] }],
        }, ct);
        await api.ApplyAsync(Rbac.ClusterBinding("kubeadm:get-nodes", "kubeadm:get-nodes", nodeTokens), ct);
        await api.ApplyAsync(Rbac.ClusterBinding("kubeadm:node-autoapprove-bootstrap",
            "system:certificates.k8s.io:certificatesigningrequests:nodeclient", nodeTokens), ct);
        await api.ApplyAsync(Rbac.ClusterBinding("kubeadm:node-autoapprove-certificate-rotation",
            "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", Rbac.GroupSubject("system:nodes")), ct);
        if (Versions.VersionTable.TraitsFor(StaticPods.ManifestInputs.For(c.Config).Version).KubeletApiAdminBinding)
        {
            // v1.37: the API server's kubelet client gets the kubelet API through its own ClusterRole (#138957;
            // cmd/kubeadm/app/phases/bootstraptoken/node/tlsbootstrap.go AllowAPIServerToAccessKubeletAPI)
            await api.ApplyAsync(Rbac.ClusterBinding(KubeletApiAdminBinding, "system:kubelet-api-admin", Rbac.UserSubject("kube-apiserver-kubelet-client")), ct);
        }

        var caPath = $"{c.Config.Cluster?.CertificatesDir ?? ConfigDefaults.CertificatesDir}/ca.crt";
        if (!c.Target.Exists(caPath))
        {
            throw new PhaseException($"{c.Target.Describe(caPath)}: no CA certificate to publish in cluster-info", "run `kiln init phase certs ca` first");
        }

        var server = ApiEndpoints.ControlPlane(c.Config.Init ?? new(), c.Config.Cluster ?? new());
        await api.ApplyAsync(new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = ClusterInfo, NamespaceProperty = "kube-public" },
            Data = new Dictionary<string, string>(StringComparer.Ordinal) { ["kubeconfig"] = ClusterInfoKubeConfig(server, c.Target.ReadAllBytes(caPath)) },
        }, ct);
        await Rbac.GrantGetAsync(api, "kube-public", "kubeadm:bootstrap-signer-clusterinfo", "configmaps", ClusterInfo,
            [Rbac.UserSubject("system:anonymous")], ct);
    }
}
