using Kiln.Phases.Config.Model;

namespace Kiln.Phases.Config;

/// <summary>Everything one kubeadm config file holds, each kind at most once, with where each came from.</summary>
public sealed record KubeadmConfig
{
    /// <summary>The InitConfiguration, if the file has one.</summary>
    public InitConfiguration? Init { get; init; }

    /// <summary>The ClusterConfiguration, if the file has one.</summary>
    public ClusterConfiguration? Cluster { get; init; }

    /// <summary>The JoinConfiguration, if the file has one.</summary>
    public JoinConfiguration? Join { get; init; }

    /// <summary>The ResetConfiguration, if the file has one.</summary>
    public ResetConfiguration? Reset { get; init; }

    /// <summary>The UpgradeConfiguration, if the file has one.</summary>
    public UpgradeConfiguration? Upgrade { get; init; }

    /// <summary>A KubeletConfiguration, kept as the user wrote it.</summary>
    public ComponentConfig? Kubelet { get; init; }

    /// <summary>A KubeProxyConfiguration, kept as the user wrote it.</summary>
    public ComponentConfig? KubeProxy { get; init; }

    /// <summary>The documents in file order.</summary>
    public IReadOnlyList<ConfigDocument> Documents { get; init; } = [];

    /// <summary>The document of a kind, to locate its fields.</summary>
    public ConfigDocument? DocumentOf(string kind) => Documents.FirstOrDefault(d => string.Equals(d.Kind, kind, StringComparison.Ordinal));
}
