using Kiln.Phases.Config;

namespace Kiln.Tui.Models;

/// <summary>The join fields, as data: the views draw whatever is listed here.</summary>
public static class JoinFields
{
    /// <summary>Where the node address goes: the kubelet's <c>--node-ip</c>.</summary>
    public const string NodeIpField = "nodeRegistration.kubeletExtraArgs";

    public static IReadOnlyList<JoinField> For(HostChoices host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return
        [
            new("discovery", JoinStep.Discovery, "Discovery", "token: the API server's signed cluster-info, checked against the CA hash; file: a kubeconfig file or https URL. F2 switches.",
                d => d.Discovery, (d, v) => d.Discovery = v) { Choices = [JoinDraft.TokenDiscovery, JoinDraft.FileDiscovery] },
            new("discovery.bootstrapToken.apiServerEndpoint", JoinStep.Discovery, "API server endpoint", "host:port of a control-plane node or its load balancer, e.g. 10.0.0.10:6443.",
                d => d.Endpoint, (d, v) => d.Endpoint = v) { OnlyFor = JoinDraft.TokenDiscovery },
            new("discovery.file.kubeConfigPath", JoinStep.Discovery, "Discovery file", "A kubeconfig naming the cluster and its CA: a file, or an https URL (its certificate checked with this host's CAs).",
                d => d.DiscoveryFile, (d, v) => d.DiscoveryFile = v) { OnlyFor = JoinDraft.FileDiscovery },
            new("discovery.bootstrapToken.token", JoinStep.Discovery, "Token", "The bootstrap token from 'kiln token create' on a control-plane node (shown masked); it also does the kubelet's TLS bootstrap.",
                d => d.Token, (d, v) => d.Token = v) { AlsoCovers = ["discovery.tlsBootstrapToken"], AsTyped = TypedChecks.Token, Secret = true },
            new("discovery.bootstrapToken.caCertHashes", JoinStep.Discovery, "CA cert hash", "The pin of the cluster CA (comma-separate several), checked as you type; 'kiln token create --print-join-command' prints it.",
                d => d.CaCertHashes, (d, v) => d.CaCertHashes = v) { OnlyFor = JoinDraft.TokenDiscovery, AsTyped = TypedChecks.CaPins },
            new("nodeRegistration.name", JoinStep.Node, "Node name", "This node's name in the cluster (a DNS-1123 subdomain); default: the hostname.",
                d => d.NodeName, (d, v) => d.NodeName = v),
            new(NodeIpField, JoinStep.Node, "Node address", "The IP this node's kubelet reports (its --node-ip); empty lets the kubelet pick. F2 picks one of this host's addresses.",
                d => d.NodeAddress, (d, v) => d.NodeAddress = v) { Choices = host.Addresses },
            new("nodeRegistration.criSocket", JoinStep.Node, "CRI socket", "The container runtime's socket URL; F2 picks one found on this host.",
                d => d.CriSocket, (d, v) => d.CriSocket = v) { Choices = [.. host.CriSockets.Append(ConfigDefaults.CriSocket).Distinct(StringComparer.Ordinal)] },
        ];
    }
}
