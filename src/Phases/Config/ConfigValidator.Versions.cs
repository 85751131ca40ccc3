using Kiln.Phases.Config.Model;
using Kiln.Phases.Versions;

namespace Kiln.Phases.Config;

/// <summary>The rules that depend on the Kubernetes minor: the version itself, feature gates, etcd and removed flags (docs/versions.md).</summary>
public static partial class ConfigValidator
{
    static KubernetesVersion? KubernetesVersionOf(string? text, string path, Checker check)
    {
        if (text is null)
        {
            return null;
        }

        if (!KubernetesVersion.TryParse(text, out var v))
        {
            var hint = text.StartsWith("stable", StringComparison.Ordinal) || text.StartsWith("latest", StringComparison.Ordinal)
                ? "release labels need the internet; Kiln works offline, so name an exact version"
                : $"write the full version, e.g. {VersionTable.Default}";
            check.Error(path, $"'{text}' is not a Kubernetes version", $"a version from {VersionTable.SupportedRange}", hint);
            return null;
        }

        if (!VersionTable.IsSupported(v))
        {
            check.Error(path, $"Kubernetes {v} is not supported", $"a version from {VersionTable.SupportedRange}",
                VersionTable.RetiredHint(v) ?? (v.PreRelease.Length > 0 ? "pre-releases are not supported; name a release such as " + VersionTable.Default
                    : "'kiln version' lists the supported versions; pick one of them"));
            return null;
        }

        if (VersionTable.SupportWarning(v) is { } warning)
        {
            check.Warn(path, warning);
        }

        return v;
    }

    static void OptionalVersion(string? text, string path, Checker check) => _ = KubernetesVersionOf(text, path, check);

    /// <summary>
    /// etcd's flags follow its image: etcd 3.7 rejects every <c>--experimental-*</c> flag, and kubeadm v1.36+ supports no etcd
    /// older than 3.6 (#135701).
    /// </summary>
    static void EtcdVersionRules(LocalEtcd local, KubernetesVersion? version, Checker check)
    {
        if (version is not { } v)
        {
            return;
        }

        var traits = VersionTable.TraitsFor(v);
        var tag = local.ImageTag ?? VersionTable.EntryFor(v).Etcd;
        if (local.ImageTag is { } t && StaticPods.EtcdManifest.VersionOf(t) is { } etcd && etcd < System.Version.Parse(traits.MinimumEtcd))
        {
            check.Error("etcd.local.imageTag", $"etcd {t} is too old for Kubernetes {v.MinorLine}", $"etcd {traits.MinimumEtcd} or newer",
                $"leave imageTag out for the version's etcd ({VersionTable.EntryFor(v).Etcd})");
        }

        var experimental = (local.ExtraArgs ?? []).Select((a, n) => (a.Name, n)).Where(a => a.Name.StartsWith("experimental-", StringComparison.Ordinal)).ToList();
        if (StaticPods.EtcdManifest.VersionOf(tag) is not { } running || running < new System.Version(3, 7))
        {
            return;
        }

        foreach (var a in experimental)
        {
            check.Error($"etcd.local.extraArgs[{a.n}].name", $"etcd {tag} rejects --{a.Name}: etcd 3.7 has no --experimental-* flags", "a flag etcd 3.7 knows",
                $"write '{a.Name["experimental-".Length..]}' (etcd 3.6 renamed the experimental flags; some became --feature-gates)");
        }
    }

    /// <summary>Component flags the minor's binaries no longer have: the pod would crash-loop, so they are errors.</summary>
    static void RemovedFlags(ClusterConfiguration c, KubernetesVersion? version, Checker check)
    {
        if (version is not { } v)
        {
            return;
        }

        var removed = VersionTable.TraitsFor(v).RemovedControllerManagerFlags;
        var args = c.ControllerManager.ExtraArgs ?? [];
        for (var n = 0; n < args.Count; n++)
        {
            if (removed.Contains(args[n].Name, StringComparer.Ordinal))
            {
                check.Error($"controllerManager.extraArgs[{n}].name", $"kube-controller-manager {v.MinorLine} has no --{args[n].Name} flag",
                    "a flag of that kube-controller-manager", "remove it; the controller-manager would not start");
            }
        }
    }

    static void FeatureGates(IReadOnlyDictionary<string, bool>? gates, KubernetesVersion version, Checker check)
    {
        var known = Versions.FeatureGates.For(version.Minor).ToList();
        foreach (var (name, value) in gates ?? new Dictionary<string, bool>(StringComparer.Ordinal))
        {
            var path = $"featureGates.{name}";
            var gate = known.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.Ordinal));
            if (gate is null)
            {
                var later = Versions.FeatureGates.All.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.Ordinal));
                check.Error(path, $"unknown kubeadm feature gate '{name}' for {version.MinorLine}", $"one of {string.Join(", ", known.Select(g => g.Name).Order(StringComparer.Ordinal))}",
                    later is { RemovedMinor: { } removed } && version.Minor >= removed
                        ? later.GaMinor is not null
                            ? $"{name} was removed in v1.{removed}: its behaviour is always on; remove the gate"
                            : $"{name} was removed in v1.{removed}; remove the gate{(later.Hint is { } h ? $" and {h}" : "")}"
                    : later is not null ? $"{name} exists from v1.{later.FirstMinor}"
                    : Yaml.Suggest.Closest(name, Versions.FeatureGates.All.Select(g => g.Name)) is { } s
                        ? known.Any(g => string.Equals(g.Name, s, StringComparison.Ordinal)) ? $"did you mean '{s}'?"
                            : $"did you mean '{s}'? It was removed in v1.{Versions.FeatureGates.All.First(g => string.Equals(g.Name, s, StringComparison.Ordinal)).RemovedMinor}; remove the gate"
                    : "kubelet and apiserver gates go in their own configs or extraArgs");
            }
            else if (gate.GaMinor is { } ga && version.Minor >= ga && !value)
            {
                check.Error(path, $"feature gate {name} is GA and locked to true in {version.MinorLine}", "true, or leave it out");
            }
            else if (gate.Deprecated)
            {
                check.Warn(path, $"feature gate {name} is deprecated", null, gate.Hint);
            }
        }
    }
}
