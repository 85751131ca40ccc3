using Kiln.Phases.Cluster;
using Kiln.Phases.Config;
using Kiln.Phases.Live;
using Kiln.Phases.Targets;

namespace Kiln.Cli;

/// <summary>The live node of a run on this host; `kiln init`, `kiln join` and `kiln tui` share it.</summary>
public static class LiveSetup
{
    /// <summary>
    /// The live node with no side effect: no secret is made and nothing connects (a cluster connection opens on first
    /// use), so a plan can describe a live run.
    /// </summary>
    /// <param name="context">The CLI's context (service manager, probes).</param>
    /// <param name="cluster">The cluster API, or null when the session provides it (a join's, after discovery).</param>
    /// <param name="ignoreFlags"><c>--ignore-preflight-errors</c>.</param>
    /// <param name="ignoreConfig">The config's <c>nodeRegistration.ignorePreflightErrors</c>.</param>
    public static LiveNode Node(CliContext context, ClusterConnection? cluster, IEnumerable<string> ignoreFlags, IEnumerable<string>? ignoreConfig)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ignoreFlags);
        return new LiveNode(context.Services, cluster)
        {
            Probe = context.Probe,
            IgnorePreflightErrors = ignoreFlags.Concat(ignoreConfig ?? []).Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
            PollInterval = context.PollInterval,
        };
    }

    /// <summary>An init's live node: the cluster from admin.conf under the root (authorized with super-admin.conf when needed), or from <paramref name="kubeConfig"/>.</summary>
    /// <param name="context">The CLI's context.</param>
    /// <param name="config">The config (its own ignored preflight errors count too).</param>
    /// <param name="host">The root the files go to.</param>
    /// <param name="kubeConfig"><c>--kubeconfig</c>, or null for admin.conf under the root.</param>
    /// <param name="ignorePreflightErrors"><c>--ignore-preflight-errors</c>.</param>
    public static LiveNode InitNode(CliContext context, KubeadmConfig config, ITargetRoot host, string? kubeConfig, IEnumerable<string> ignorePreflightErrors)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(config);
        var (kubeconfigRoot, kubeconfigPath, superAdmin) = kubeConfig is { } explicitPath
            ? ((ITargetRoot)new HostRoot("/"), context.Resolve(explicitPath), (string?)null)
            : (host, "/etc/kubernetes/admin.conf", "/etc/kubernetes/super-admin.conf");
        return Node(context, ClusterConnection.FromKubeConfig(kubeconfigRoot, kubeconfigPath, superAdmin, TimeProvider.System),
            ignorePreflightErrors, config.Init?.NodeRegistration.IgnorePreflightErrors);
    }
}
