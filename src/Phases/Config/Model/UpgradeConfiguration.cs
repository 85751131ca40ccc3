using Kiln.Phases.Config.Yaml;

namespace Kiln.Phases.Config.Model;

#pragma warning disable MA0048 // one kubeadm kind and the records of its YAML shape, together as in kubeadm's types.go

/// <summary>kubeadm's UpgradeConfiguration (v1beta4): settings of <c>upgrade apply|diff|node|plan</c>.</summary>
public sealed record UpgradeConfiguration
{
    /// <summary><c>upgrade apply</c>.</summary>
    [YamlField("apply", KeepEmpty = true)] public UpgradeApplyConfiguration Apply { get; init; } = new();

    /// <summary><c>upgrade diff</c>.</summary>
    [YamlField("diff", KeepEmpty = true)] public UpgradeDiffConfiguration Diff { get; init; } = new();

    /// <summary><c>upgrade node</c>.</summary>
    [YamlField("node", KeepEmpty = true)] public UpgradeNodeConfiguration Node { get; init; } = new();

    /// <summary><c>upgrade plan</c>.</summary>
    [YamlField("plan", KeepEmpty = true)] public UpgradePlanConfiguration Plan { get; init; } = new();

    /// <summary>Timeouts.</summary>
    [YamlField("timeouts")] public Timeouts? Timeouts { get; init; }
}

/// <summary><c>upgrade apply</c> settings.</summary>
public sealed record UpgradeApplyConfiguration
{
    /// <summary>Target version.</summary>
    [YamlField("kubernetesVersion")] public string? KubernetesVersion { get; init; }

    /// <summary>Allow alpha/beta targets.</summary>
    [YamlField("allowExperimentalUpgrades")] public bool? AllowExperimentalUpgrades { get; init; }

    /// <summary>Allow release candidates.</summary>
    [YamlField("allowRCUpgrades")] public bool? AllowRcUpgrades { get; init; }

    /// <summary>Renew certificates during the upgrade.</summary>
    [YamlField("certificateRenewal")] public bool? CertificateRenewal { get; init; }

    /// <summary>Do nothing, print what would be done.</summary>
    [YamlField("dryRun")] public bool? DryRun { get; init; }

    /// <summary>Upgrade etcd too.</summary>
    [YamlField("etcdUpgrade")] public bool? EtcdUpgrade { get; init; }

    /// <summary>Upgrade even when requirements are not met.</summary>
    [YamlField("forceUpgrade")] public bool? ForceUpgrade { get; init; }

    /// <summary>Preflight checks whose errors become warnings.</summary>
    [YamlField("ignorePreflightErrors")] public IReadOnlyList<string>? IgnorePreflightErrors { get; init; }

    /// <summary>Patches directory.</summary>
    [YamlField("patches")] public Patches? Patches { get; init; }

    /// <summary>Print the config that will be used.</summary>
    [YamlField("printConfig")] public bool? PrintConfig { get; init; }

    /// <summary>Phases not to run.</summary>
    [YamlField("skipPhases")] public IReadOnlyList<string>? SkipPhases { get; init; }

    /// <summary>Image pull policy.</summary>
    [YamlField("imagePullPolicy")] public string? ImagePullPolicy { get; init; }

    /// <summary>Pull images one at a time.</summary>
    [YamlField("imagePullSerial")] public bool? ImagePullSerial { get; init; }
}

/// <summary><c>upgrade diff</c> settings.</summary>
public sealed record UpgradeDiffConfiguration
{
    /// <summary>Target version.</summary>
    [YamlField("kubernetesVersion")] public string? KubernetesVersion { get; init; }

    /// <summary>Lines of context in the diff.</summary>
    [YamlField("contextLines")] public int ContextLines { get; init; }
}

/// <summary><c>upgrade node</c> settings.</summary>
public sealed record UpgradeNodeConfiguration
{
    /// <summary>Renew certificates during the upgrade.</summary>
    [YamlField("certificateRenewal")] public bool? CertificateRenewal { get; init; }

    /// <summary>Do nothing, print what would be done.</summary>
    [YamlField("dryRun")] public bool? DryRun { get; init; }

    /// <summary>Upgrade etcd too.</summary>
    [YamlField("etcdUpgrade")] public bool? EtcdUpgrade { get; init; }

    /// <summary>Preflight checks whose errors become warnings.</summary>
    [YamlField("ignorePreflightErrors")] public IReadOnlyList<string>? IgnorePreflightErrors { get; init; }

    /// <summary>Phases not to run.</summary>
    [YamlField("skipPhases")] public IReadOnlyList<string>? SkipPhases { get; init; }

    /// <summary>Patches directory.</summary>
    [YamlField("patches")] public Patches? Patches { get; init; }

    /// <summary>Image pull policy.</summary>
    [YamlField("imagePullPolicy")] public string? ImagePullPolicy { get; init; }

    /// <summary>Pull images one at a time.</summary>
    [YamlField("imagePullSerial")] public bool? ImagePullSerial { get; init; }
}

/// <summary><c>upgrade plan</c> settings.</summary>
public sealed record UpgradePlanConfiguration
{
    /// <summary>Target version.</summary>
    [YamlField("kubernetesVersion")] public string? KubernetesVersion { get; init; }

    /// <summary>Allow alpha/beta targets.</summary>
    [YamlField("allowExperimentalUpgrades")] public bool? AllowExperimentalUpgrades { get; init; }

    /// <summary>Allow release candidates.</summary>
    [YamlField("allowRCUpgrades")] public bool? AllowRcUpgrades { get; init; }

    /// <summary>Do nothing, print what would be done.</summary>
    [YamlField("dryRun")] public bool? DryRun { get; init; }

    /// <summary>Plan etcd upgrades too.</summary>
    [YamlField("etcdUpgrade")] public bool? EtcdUpgrade { get; init; }

    /// <summary>Preflight checks whose errors become warnings.</summary>
    [YamlField("ignorePreflightErrors")] public IReadOnlyList<string>? IgnorePreflightErrors { get; init; }

    /// <summary>Print the config that will be used.</summary>
    [YamlField("printConfig")] public bool? PrintConfig { get; init; }
}
