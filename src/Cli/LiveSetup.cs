using Kiln.Phases.Cluster;
using Kiln.Phases.Config;
using Kiln.Phases.Live;
using Kiln.Phases.Targets;

namespace Kiln.Cli;

/// <summary>The live node of an init run on this host; `kiln init` and `kiln tui` share it.</summary>
public static class LiveSetup
{
    /// <summary>
    /// The live node, with no side effect: no secret is made and nothing connects (the cluster connection opens on first
    /// use, from admin.conf under the root or <paramref name="kubeConfig"/>), so a plan can describe a live run.
    /// </summary>
    /// <param name="context">The CLI's context (service manager, probes).</param>
    /// <param name="config">The config (its own ignored preflight errors count too).</param>
    /// <param name="host">The root the files go to.</param>
    /// <param name="kubeConfig"><c>--kubeconfig</c>, or null for admin.conf under the root.</param>
    /// <param name="ignorePreflightErrors"><c>--ignore-preflight-errors</c>, added to the config's list.</param>
    public static LiveNode Node(CliContext context, KubeadmConfig config, ITargetRoot host, string? kubeConfig, IEnumerable<string> ignorePreflightErrors)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(ignorePreflightErrors);
        var (kubeconfigRoot, kubeconfigPath, superAdmin) = kubeConfig is { } explicitPath
            ? ((ITargetRoot)new HostRoot("/"), context.Resolve(explicitPath), (string?)null)
            : (host, "/etc/kubernetes/admin.conf", "/etc/kubernetes/super-admin.conf");
        var ignored = ignorePreflightErrors.Concat(config.Init?.NodeRegistration.IgnorePreflightErrors ?? []).Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return new LiveNode(context.Services, ClusterConnection.FromKubeConfig(kubeconfigRoot, kubeconfigPath, superAdmin, TimeProvider.System))
        {
            Probe = context.Probe,
            IgnorePreflightErrors = ignored,
            PollInterval = context.PollInterval,
        };
    }
}
