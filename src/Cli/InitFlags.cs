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
