using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;

namespace Kiln.Cli;

/// <summary>Flags that set config fields, as kubeadm's init flags do; they cannot be mixed with --config.</summary>
public sealed record InitFlags
{
    public string? NodeName { get; init; }
    public string? AdvertiseAddress { get; init; }
    public int? BindPort { get; init; }
    public string? KubernetesVersion { get; init; }
    public string? ControlPlaneEndpoint { get; init; }
    public string? PodNetworkCidr { get; init; }
    public string? ServiceCidr { get; init; }
    public string? ServiceDnsDomain { get; init; }
    public string? CertDir { get; init; }
    public string? ImageRepository { get; init; }
    public string? CriSocket { get; init; }

    /// <summary>The flags given, by name, for the "cannot be mixed with --config" error.</summary>
    public IEnumerable<string> Given() => new (string Flag, object? Value)[]
    {
        ("--node-name", NodeName), ("--apiserver-advertise-address", AdvertiseAddress), ("--apiserver-bind-port", BindPort),
        ("--kubernetes-version", KubernetesVersion), ("--control-plane-endpoint", ControlPlaneEndpoint),
        ("--pod-network-cidr", PodNetworkCidr), ("--service-cidr", ServiceCidr), ("--service-dns-domain", ServiceDnsDomain),
        ("--cert-dir", CertDir), ("--image-repository", ImageRepository), ("--cri-socket", CriSocket),
    }.Where(f => f.Value is not null).Select(f => f.Flag);

    /// <summary>The init config these flags describe, before defaults.</summary>
    public KubeadmConfig ToConfig() => new()
    {
        Init = new InitConfiguration
        {
            NodeRegistration = new NodeRegistrationOptions { Name = NodeName, CriSocket = CriSocket },
            LocalApiEndpoint = new ApiEndpoint { AdvertiseAddress = AdvertiseAddress, BindPort = BindPort ?? 0 },
        },
        Cluster = new ClusterConfiguration
        {
            KubernetesVersion = KubernetesVersion,
            ControlPlaneEndpoint = ControlPlaneEndpoint,
            Networking = new Networking { PodSubnet = PodNetworkCidr, ServiceSubnet = ServiceCidr, DnsDomain = ServiceDnsDomain },
            CertificatesDir = CertDir,
            ImageRepository = ImageRepository,
        },
    };
}

/// <summary>Builds the init config from --config or from flags, with defaults and validation; reports problems.</summary>
public static class InitConfigSource
{
    /// <summary>Why a file cannot configure init: it is a join-only (or reset-only) file.</summary>
    public const string NoInitConfig = "holds no InitConfiguration or ClusterConfiguration";

    /// <summary>The validated init config, or null after writing every error to stderr.</summary>
    public static KubeadmConfig? Load(CliContext context, string? configPath, InitFlags flags)
    {
        if (configPath is not null)
        {
            var mixed = flags.Given().ToList();
            if (mixed.Count > 0)
            {
                context.Err.WriteLine($"kiln: --config cannot be mixed with {string.Join(", ", mixed)}; put those settings in the file");
                return null;
            }

            if (CliFiles.LoadValidConfig(context, configPath) is not { } loaded)
            {
                return null;
            }

            if (ConfigDefaults.ForInit(loaded, context.Host) is not { } complete)
            {
                context.Err.WriteLine($"kiln: {configPath} {NoInitConfig}");
                return null;
            }

            return Finish(context, complete, fromFlags: false);
        }

        return Finish(context, ConfigDefaults.Apply(flags.ToConfig(), context.Host), fromFlags: true);
    }

    static KubeadmConfig? Finish(CliContext context, KubeadmConfig config, bool fromFlags)
    {
        var findings = new List<ConfigError>();
        if (fromFlags)
        {
            // a file was validated (and its findings rendered with source lines) when it was loaded
            ConfigValidator.Validate(config, findings);
        }

        if (config.Init?.LocalApiEndpoint.AdvertiseAddress is null)
        {
            findings.Add(new ConfigError(SourceLocation.OfFile("(host)"), "localAPIEndpoint.advertiseAddress",
                "no advertise address: this host has no default route", null,
                fromFlags ? "pass --apiserver-advertise-address" : "set localAPIEndpoint.advertiseAddress in the InitConfiguration"));
        }

        return Report(context, findings, located: !fromFlags) ? null : config;
    }

    /// <summary>Writes findings one per line to stderr (with their file location when <paramref name="located"/>); true when any is an error.</summary>
    public static bool Report(CliContext context, IReadOnlyList<ConfigError> findings, bool located)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var f in ConfigErrorRenderer.Sort(findings))
        {
            var where = located ? $"{f.At}: " : "";
            context.Err.WriteLine($"kiln: {where}{(f.Severity == Severity.Error ? "" : "warning: ")}{f.Field}: {f.Message}"
                + (f.Allowed is null ? "" : $" (allowed: {f.Allowed})") + (f.Hint is null ? "" : $"; hint: {f.Hint}"));
        }

        return findings.Any(f => f.Severity == Severity.Error);
    }
}
