using Kiln.Phases.Config.Yaml;

namespace Kiln.Phases.Config.Model;

#pragma warning disable MA0048 // one kubeadm kind and the records of its YAML shape, together as in kubeadm's types.go

/// <summary>kubeadm's JoinConfiguration (v1beta4): how a node finds and joins an existing cluster.</summary>
public sealed record JoinConfiguration
{
    /// <summary>Do nothing, print what would be done.</summary>
    [YamlField("dryRun")] public bool DryRun { get; init; }

    /// <summary>Node registration.</summary>
    [YamlField("nodeRegistration")] public NodeRegistrationOptions NodeRegistration { get; init; } = new();

    /// <summary>Where the cluster CA is written.</summary>
    [YamlField("caCertPath")] public string? CaCertPath { get; init; }

    /// <summary>How to find the cluster.</summary>
    [YamlField("discovery", KeepEmpty = true)] public Discovery Discovery { get; init; } = new();

    /// <summary>Set to join as a control-plane node.</summary>
    [YamlField("controlPlane")] public JoinControlPlane? ControlPlane { get; init; }

    /// <summary>Phases not to run.</summary>
    [YamlField("skipPhases")] public IReadOnlyList<string>? SkipPhases { get; init; }

    /// <summary>Patches directory.</summary>
    [YamlField("patches")] public Patches? Patches { get; init; }

    /// <summary>Timeouts.</summary>
    [YamlField("timeouts")] public Timeouts? Timeouts { get; init; }
}

/// <summary>Exactly one of token or file discovery.</summary>
public sealed record Discovery
{
    /// <summary>Token discovery of <c>kube-public/cluster-info</c>.</summary>
    [YamlField("bootstrapToken")] public BootstrapTokenDiscovery? BootstrapToken { get; init; }

    /// <summary>A kubeconfig file or https URL.</summary>
    [YamlField("file")] public FileDiscovery? File { get; init; }

    /// <summary>Token for the kubelet TLS bootstrap; a secret.</summary>
    [YamlField("tlsBootstrapToken")] public string? TlsBootstrapToken { get; init; }
}

/// <summary>Token discovery settings.</summary>
public sealed record BootstrapTokenDiscovery
{
    /// <summary>The token; a secret.</summary>
    [YamlField("token", KeepEmpty = true)] public string? Token { get; init; }

    /// <summary><c>host:port</c> of an API server.</summary>
    [YamlField("apiServerEndpoint")] public string? ApiServerEndpoint { get; init; }

    /// <summary>CA pins, <c>sha256:&lt;hex&gt;</c>.</summary>
    [YamlField("caCertHashes")] public IReadOnlyList<string>? CaCertHashes { get; init; }

    /// <summary>Trust whatever CA the endpoint shows.</summary>
    [YamlField("unsafeSkipCAVerification")] public bool UnsafeSkipCaVerification { get; init; }
}

/// <summary>File discovery settings.</summary>
public sealed record FileDiscovery
{
    /// <summary>Path or https URL of a kubeconfig.</summary>
    [YamlField("kubeConfigPath", KeepEmpty = true)] public string? KubeConfigPath { get; init; }

    /// <summary>Whether a kubeConfigPath is a URL to fetch (https only, as kubeadm) rather than a file.</summary>
    public static bool IsUrl(string path) => path.StartsWith("https://", StringComparison.Ordinal);
}

/// <summary>Settings of a joining control-plane node.</summary>
public sealed record JoinControlPlane
{
    /// <summary>This node's API server endpoint.</summary>
    [YamlField("localAPIEndpoint")] public ApiEndpoint LocalApiEndpoint { get; init; } = new();

    /// <summary>Key to decrypt the uploaded certificates; a secret.</summary>
    [YamlField("certificateKey")] public string? CertificateKey { get; init; }
}
