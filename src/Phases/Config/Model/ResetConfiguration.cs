using Kiln.Phases.Config.Yaml;

namespace Kiln.Phases.Config.Model;

/// <summary>kubeadm's ResetConfiguration (v1beta4).</summary>
public sealed record ResetConfiguration
{
    /// <summary>Also remove <c>/etc/kubernetes/tmp</c>.</summary>
    [YamlField("cleanupTmpDir")] public bool CleanupTmpDir { get; init; }

    /// <summary>Where certificates live.</summary>
    [YamlField("certificatesDir")] public string? CertificatesDir { get; init; }

    /// <summary>CRI socket URL.</summary>
    [YamlField("criSocket")] public string? CriSocket { get; init; }

    /// <summary>Do nothing, print what would be done.</summary>
    [YamlField("dryRun")] public bool DryRun { get; init; }

    /// <summary>Do not ask before resetting.</summary>
    [YamlField("force")] public bool Force { get; init; }

    /// <summary>Preflight checks whose errors become warnings.</summary>
    [YamlField("ignorePreflightErrors")] public IReadOnlyList<string>? IgnorePreflightErrors { get; init; }

    /// <summary>Phases not to run.</summary>
    [YamlField("skipPhases")] public IReadOnlyList<string>? SkipPhases { get; init; }

    /// <summary>umount2 flags for kubelet mounts.</summary>
    [YamlField("unmountFlags")] public IReadOnlyList<string>? UnmountFlags { get; init; }

    /// <summary>Timeouts.</summary>
    [YamlField("timeouts")] public Timeouts? Timeouts { get; init; }
}
