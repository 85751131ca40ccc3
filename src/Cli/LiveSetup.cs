using Kiln.Phases.Certs;
using Kiln.Phases.Cluster;
using Kiln.Phases.Config;
using Kiln.Phases.Live;
using Kiln.Phases.Targets;
using Kiln.Phases.Tokens;

namespace Kiln.Cli;

/// <summary>What a live init run adds to its config and context; `kiln init` and `kiln tui` share it.</summary>
public static class LiveSetup
{
    /// <summary>The live run's own options.</summary>
    /// <param name="UploadCerts"><c>--upload-certs</c>.</param>
    /// <param name="CertificateKey"><c>--certificate-key</c>, or null for the config's or a new one.</param>
    /// <param name="KubeConfig"><c>--kubeconfig</c>, or null for admin.conf under the root.</param>
    /// <param name="IgnorePreflightErrors"><c>--ignore-preflight-errors</c>, added to the config's list.</param>
    /// <param name="JoinCommandOut">Where the join command goes; null to keep it off a screen.</param>
    public sealed record Options(bool UploadCerts, string? CertificateKey, string? KubeConfig, IEnumerable<string> IgnorePreflightErrors, TextWriter? JoinCommandOut);

    /// <summary>
    /// The config with a generated token where one has no value and the certificate key in place, the live node
    /// (service manager, cluster connection from admin.conf or --kubeconfig), and the key when it was generated.
    /// </summary>
    public static (KubeadmConfig Config, LiveNode Node, string? GeneratedKey) Prepare(CliContext context, KubeadmConfig config, ITargetRoot host, Options options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var init = config.Init ?? new();
        var key = options.CertificateKey ?? init.CertificateKey;
        string? generated = null;
        if (options.UploadCerts && key is null)
        {
            key = generated = CertificateKey.New();
        }

        init = init with
        {
            CertificateKey = key,
            BootstrapTokens = [.. (init.BootstrapTokens ?? []).Select(t => t.Token is null ? t with { Token = BootstrapTokenString.Generate().Reveal() } : t)],
        };
        var withSecrets = config with { Init = init };
        return (withSecrets, Node(context, withSecrets, host, options), generated);
    }

    /// <summary>
    /// The live node alone, with no side effect: no secret is made and nothing connects (the cluster connection opens on
    /// first use), so a plan can describe a live run.
    /// </summary>
    public static LiveNode Node(CliContext context, KubeadmConfig config, ITargetRoot host, Options options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var (kubeconfigRoot, kubeconfigPath, superAdmin) = options.KubeConfig is { } explicitPath
            ? ((ITargetRoot)new HostRoot("/"), context.Resolve(explicitPath), (string?)null)
            : (host, "/etc/kubernetes/admin.conf", "/etc/kubernetes/super-admin.conf");
        var ignored = options.IgnorePreflightErrors.Concat(config.Init?.NodeRegistration.IgnorePreflightErrors ?? []).Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return new LiveNode(context.Services, ClusterConnection.FromKubeConfig(kubeconfigRoot, kubeconfigPath, superAdmin, TimeProvider.System))
        {
            Probe = context.Probe,
            IgnorePreflightErrors = ignored,
            UploadCerts = options.UploadCerts,
            PollInterval = context.PollInterval,
            JoinCommandOut = options.JoinCommandOut,
        };
    }
}
