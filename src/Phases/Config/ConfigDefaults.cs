using Kiln.Phases.Config.Model;
using Kiln.Phases.Versions;

namespace Kiln.Phases.Config;

/// <summary>kubeadm's v1beta4 defaulting (cmd/kubeadm/app/apis/kubeadm/v1beta4/defaults.go), as pure functions over the config records.</summary>
public static class ConfigDefaults
{
    /// <summary>Default CRI socket; kubeadm detects one on a live node, and so will Kiln's preflight.</summary>
    public const string CriSocket = "unix:///var/run/containerd/containerd.sock";

    /// <summary>Default certificates directory.</summary>
    public const string CertificatesDir = "/etc/kubernetes/pki";

    /// <summary>Default image registry.</summary>
    public const string ImageRepository = "registry.k8s.io";

    /// <summary>Default API server port.</summary>
    public const int BindPort = 6443;

    /// <summary>Default group of the default bootstrap token.</summary>
    public const string NodeTokenGroup = "system:bootstrappers:kubeadm:default-node-token";

    /// <summary>
    /// The cluster DNS address: the 10th address of the first service subnet (cmd/kubeadm/app/constants/constants.go,
    /// GetDNSIP), the CoreDNS Service's cluster IP and the kubelet's default <c>clusterDNS</c>; null when the subnet does not parse.
    /// </summary>
    public static string? ClusterDnsIp(Networking networking)
    {
        ArgumentNullException.ThrowIfNull(networking);
        var first = (networking.ServiceSubnet ?? "10.96.0.0/12").Split(',')[0].Trim();
        return Net.NetParse.TryParseCidr(first, out var cidr, out _) ? cidr.Nth(10).ToString() : null;
    }

    /// <summary>The seven timeouts with kubeadm's defaults.</summary>
    public static Timeouts DefaultTimeouts { get; } = new()
    {
        ControlPlaneComponentHealthCheck = GoDuration.FromMinutes(4),
        KubeletHealthCheck = GoDuration.FromMinutes(4),
        KubernetesAPICall = GoDuration.FromMinutes(1),
        EtcdAPICall = GoDuration.FromMinutes(2),
        TlsBootstrap = GoDuration.FromMinutes(5),
        Discovery = GoDuration.FromMinutes(5),
        UpgradeManifests = GoDuration.FromMinutes(5),
    };

    /// <summary>Applies static defaults to every kind present, then the host's dynamic defaults.</summary>
    public static KubeadmConfig Apply(KubeadmConfig config, HostFacts? host) => config with
    {
        Init = config.Init is null ? null : Init(config.Init, host),
        Cluster = config.Cluster is null ? null : Cluster(config.Cluster),
        Join = config.Join is null ? null : Join(config.Join, host),
        Reset = config.Reset is null ? null : Reset(config.Reset),
        Upgrade = config.Upgrade is null ? null : Upgrade(config.Upgrade),
    };

    /// <summary>
    /// A loaded file as init uses it: a file with only one of InitConfiguration and ClusterConfiguration gets kubeadm's
    /// defaults for the other; null when it holds neither (a join-only file is no init config).
    /// </summary>
    public static KubeadmConfig? ForInit(KubeadmConfig loaded, HostFacts? host)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return loaded.Init is null && loaded.Cluster is null ? null : loaded with
        {
            Init = loaded.Init ?? Init(new InitConfiguration(), host),
            Cluster = loaded.Cluster ?? Cluster(new ClusterConfiguration()),
        };
    }

    /// <summary>InitConfiguration defaults.</summary>
    public static InitConfiguration Init(InitConfiguration c, HostFacts? host = null) => c with
    {
        BootstrapTokens = c.BootstrapTokens is { Count: > 0 } tokens ? tokens.Select(Token).ToList() : [Token(new BootstrapToken())],
        NodeRegistration = NodeRegistration(c.NodeRegistration, host),
        LocalApiEndpoint = Endpoint(c.LocalApiEndpoint) with { AdvertiseAddress = c.LocalApiEndpoint.AdvertiseAddress ?? host?.DefaultAddress },
        Timeouts = Merge(c.Timeouts),
    };

    /// <summary>ClusterConfiguration defaults.</summary>
    public static ClusterConfiguration Cluster(ClusterConfiguration c) => c with
    {
        KubernetesVersion = c.KubernetesVersion ?? VersionTable.Default.ToString(),
        Networking = c.Networking with
        {
            ServiceSubnet = c.Networking.ServiceSubnet ?? "10.96.0.0/12",
            DnsDomain = c.Networking.DnsDomain ?? "cluster.local",
        },
        CertificatesDir = c.CertificatesDir ?? CertificatesDir,
        ImageRepository = c.ImageRepository ?? ImageRepository,
        ClusterName = c.ClusterName ?? "kubernetes",
        Etcd = c.Etcd.External is not null ? c.Etcd
            : c.Etcd with { Local = (c.Etcd.Local ?? new()) with { DataDir = c.Etcd.Local?.DataDir ?? "/var/lib/etcd" } },
        EncryptionAlgorithm = c.EncryptionAlgorithm ?? "RSA-2048",
        CertificateValidityPeriod = c.CertificateValidityPeriod ?? GoDuration.FromHours(8760),
        CaCertificateValidityPeriod = c.CaCertificateValidityPeriod ?? GoDuration.FromHours(87600),
    };

    /// <summary>JoinConfiguration defaults.</summary>
    public static JoinConfiguration Join(JoinConfiguration c, HostFacts? host = null) => c with
    {
        CaCertPath = c.CaCertPath ?? $"{CertificatesDir}/ca.crt",
        NodeRegistration = NodeRegistration(c.NodeRegistration, host),
        Discovery = c.Discovery with { TlsBootstrapToken = c.Discovery.TlsBootstrapToken ?? c.Discovery.BootstrapToken?.Token },
        ControlPlane = c.ControlPlane is null ? null : c.ControlPlane with { LocalApiEndpoint = Endpoint(c.ControlPlane.LocalApiEndpoint) },
        Timeouts = Merge(c.Timeouts),
    };

    /// <summary>ResetConfiguration defaults.</summary>
    public static ResetConfiguration Reset(ResetConfiguration c) => c with
    {
        CertificatesDir = c.CertificatesDir ?? CertificatesDir,
        CriSocket = c.CriSocket ?? CriSocket,
        Timeouts = Merge(c.Timeouts),
    };

    /// <summary>UpgradeConfiguration defaults.</summary>
    public static UpgradeConfiguration Upgrade(UpgradeConfiguration c) => c with
    {
        Apply = c.Apply with
        {
            CertificateRenewal = c.Apply.CertificateRenewal ?? true,
            EtcdUpgrade = c.Apply.EtcdUpgrade ?? true,
            ImagePullPolicy = c.Apply.ImagePullPolicy ?? "IfNotPresent",
            ImagePullSerial = c.Apply.ImagePullSerial ?? true,
        },
        Diff = c.Diff with { ContextLines = c.Diff.ContextLines == 0 ? 3 : c.Diff.ContextLines },
        Node = c.Node with
        {
            CertificateRenewal = c.Node.CertificateRenewal ?? true,
            EtcdUpgrade = c.Node.EtcdUpgrade ?? true,
            ImagePullPolicy = c.Node.ImagePullPolicy ?? "IfNotPresent",
            ImagePullSerial = c.Node.ImagePullSerial ?? true,
        },
        Plan = c.Plan with { EtcdUpgrade = c.Plan.EtcdUpgrade ?? true },
        Timeouts = Merge(c.Timeouts),
    };

    static BootstrapToken Token(BootstrapToken t)
    {
        IReadOnlyList<string> usages = t.Usages ?? ["signing", "authentication"];
        return t with
        {
            Ttl = t.Ttl ?? (t.Expires is null ? GoDuration.FromHours(24) : null),
            Usages = usages,
            // the default group only makes sense for a token that authenticates
            Groups = t.Groups ?? (usages.Contains("authentication", StringComparer.Ordinal) ? [NodeTokenGroup] : null),
        };
    }

    static NodeRegistrationOptions NodeRegistration(NodeRegistrationOptions n, HostFacts? host) => n with
    {
        Name = n.Name ?? host?.Hostname.Trim().ToLowerInvariant(),
        CriSocket = n.CriSocket ?? CriSocket,
        ImagePullPolicy = n.ImagePullPolicy ?? "IfNotPresent",
        ImagePullSerial = n.ImagePullSerial ?? true,
    };

    static ApiEndpoint Endpoint(ApiEndpoint e) => e with { BindPort = e.BindPort == 0 ? BindPort : e.BindPort };

    static Timeouts Merge(Timeouts? t) => t is null ? DefaultTimeouts : new Timeouts
    {
        ControlPlaneComponentHealthCheck = t.ControlPlaneComponentHealthCheck ?? DefaultTimeouts.ControlPlaneComponentHealthCheck,
        KubeletHealthCheck = t.KubeletHealthCheck ?? DefaultTimeouts.KubeletHealthCheck,
        KubernetesAPICall = t.KubernetesAPICall ?? DefaultTimeouts.KubernetesAPICall,
        EtcdAPICall = t.EtcdAPICall ?? DefaultTimeouts.EtcdAPICall,
        TlsBootstrap = t.TlsBootstrap ?? DefaultTimeouts.TlsBootstrap,
        Discovery = t.Discovery ?? DefaultTimeouts.Discovery,
        UpgradeManifests = t.UpgradeManifests ?? DefaultTimeouts.UpgradeManifests,
    };
}
