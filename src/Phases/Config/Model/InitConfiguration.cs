using Kiln.Phases.Config.Yaml;

namespace Kiln.Phases.Config.Model;

/// <summary>kubeadm's InitConfiguration (v1beta4): settings of the first control-plane node.</summary>
public sealed record InitConfiguration
{
    /// <summary>Tokens created at init.</summary>
    [YamlField("bootstrapTokens")] public IReadOnlyList<BootstrapToken>? BootstrapTokens { get; init; }

    /// <summary>Do nothing, print what would be done.</summary>
    [YamlField("dryRun")] public bool DryRun { get; init; }

    /// <summary>Node registration.</summary>
    [YamlField("nodeRegistration")] public NodeRegistrationOptions NodeRegistration { get; init; } = new();

    /// <summary>This node's API server endpoint.</summary>
    [YamlField("localAPIEndpoint")] public ApiEndpoint LocalApiEndpoint { get; init; } = new();

    /// <summary>Key for upload-certs (64 hex characters); a secret.</summary>
    [YamlField("certificateKey")] public string? CertificateKey { get; init; }

    /// <summary>Phases not to run.</summary>
    [YamlField("skipPhases")] public IReadOnlyList<string>? SkipPhases { get; init; }

    /// <summary>Patches directory.</summary>
    [YamlField("patches")] public Patches? Patches { get; init; }

    /// <summary>Timeouts.</summary>
    [YamlField("timeouts")] public Timeouts? Timeouts { get; init; }
}
