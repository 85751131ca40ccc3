using Kiln.Phases.Config.Yaml;

namespace Kiln.Phases.Config.Model;

#pragma warning disable MA0048 // one kubeadm kind and the records of its YAML shape, together as in kubeadm's types.go

/// <summary>kubeadm's ClusterConfiguration (v1beta4): cluster-wide settings shared by every control-plane node.</summary>
public sealed record ClusterConfiguration
{
    /// <summary>Local or external etcd.</summary>
    [YamlField("etcd")] public Etcd Etcd { get; init; } = new();

    /// <summary>Pod and service networks.</summary>
    [YamlField("networking")] public Networking Networking { get; init; } = new();

    /// <summary>Target version, <c>v1.34.2</c> or <c>1.34.2</c>.</summary>
    [YamlField("kubernetesVersion")] public string? KubernetesVersion { get; init; }

    /// <summary>Stable address of the control plane, <c>host[:port]</c>.</summary>
    [YamlField("controlPlaneEndpoint")] public string? ControlPlaneEndpoint { get; init; }

    /// <summary>kube-apiserver settings.</summary>
    [YamlField("apiServer")] public ApiServer ApiServer { get; init; } = new();

    /// <summary>kube-controller-manager settings.</summary>
    [YamlField("controllerManager")] public ControlPlaneComponent ControllerManager { get; init; } = new();

    /// <summary>kube-scheduler settings.</summary>
    [YamlField("scheduler")] public ControlPlaneComponent Scheduler { get; init; } = new();

    /// <summary>CoreDNS addon.</summary>
    [YamlField("dns")] public Dns Dns { get; init; } = new();

    /// <summary>kube-proxy addon.</summary>
    [YamlField("proxy")] public Proxy Proxy { get; init; } = new();

    /// <summary>Where certificates live.</summary>
    [YamlField("certificatesDir")] public string? CertificatesDir { get; init; }

    /// <summary>Registry for control-plane images.</summary>
    [YamlField("imageRepository")] public string? ImageRepository { get; init; }

    /// <summary>kubeadm feature gates.</summary>
    [YamlField("featureGates")] public IReadOnlyDictionary<string, bool>? FeatureGates { get; init; }

    /// <summary>Cluster name in kubeconfigs.</summary>
    [YamlField("clusterName")] public string? ClusterName { get; init; }

    /// <summary>Key type for every generated key.</summary>
    [YamlField("encryptionAlgorithm")] public string? EncryptionAlgorithm { get; init; }

    /// <summary>Validity of leaf certificates.</summary>
    [YamlField("certificateValidityPeriod")] public GoDuration? CertificateValidityPeriod { get; init; }

    /// <summary>Validity of CA certificates.</summary>
    [YamlField("caCertificateValidityPeriod")] public GoDuration? CaCertificateValidityPeriod { get; init; }
}

/// <summary>Settings of one control-plane component.</summary>
public record ControlPlaneComponent
{
    /// <summary>Extra flags; a name here replaces every default of the same name.</summary>
    [YamlField("extraArgs")] public IReadOnlyList<Arg>? ExtraArgs { get; init; }

    /// <summary>Extra hostPath volumes.</summary>
    [YamlField("extraVolumes")] public IReadOnlyList<HostPathMount>? ExtraVolumes { get; init; }

    /// <summary>Extra environment variables.</summary>
    [YamlField("extraEnvs")] public IReadOnlyList<EnvVar>? ExtraEnvs { get; init; }
}

/// <summary>kube-apiserver settings.</summary>
public sealed record ApiServer : ControlPlaneComponent
{
    /// <summary>Extra subject alternative names for the serving certificate.</summary>
    [YamlField("certSANs")] public IReadOnlyList<string>? CertSans { get; init; }
}

/// <summary>CoreDNS addon settings.</summary>
public sealed record Dns
{
    /// <summary>Registry override.</summary>
    [YamlField("imageRepository")] public string? ImageRepository { get; init; }

    /// <summary>Tag override.</summary>
    [YamlField("imageTag")] public string? ImageTag { get; init; }

    /// <summary>Skip the CoreDNS addon.</summary>
    [YamlField("disabled")] public bool Disabled { get; init; }
}

/// <summary>kube-proxy addon settings.</summary>
public sealed record Proxy
{
    /// <summary>Skip the kube-proxy addon.</summary>
    [YamlField("disabled")] public bool Disabled { get; init; }
}

/// <summary>Pod and service networks.</summary>
public sealed record Networking
{
    /// <summary>Service CIDR(s), comma-separated for dual-stack.</summary>
    [YamlField("serviceSubnet")] public string? ServiceSubnet { get; init; }

    /// <summary>Pod CIDR(s), comma-separated for dual-stack.</summary>
    [YamlField("podSubnet")] public string? PodSubnet { get; init; }

    /// <summary>Cluster DNS domain.</summary>
    [YamlField("dnsDomain")] public string? DnsDomain { get; init; }
}

/// <summary>Exactly one of local or external etcd.</summary>
public sealed record Etcd
{
    /// <summary>A stacked etcd run as a static pod.</summary>
    [YamlField("local")] public LocalEtcd? Local { get; init; }

    /// <summary>An etcd cluster run elsewhere.</summary>
    [YamlField("external")] public ExternalEtcd? External { get; init; }
}

/// <summary>Stacked etcd settings.</summary>
public sealed record LocalEtcd
{
    /// <summary>Registry override.</summary>
    [YamlField("imageRepository")] public string? ImageRepository { get; init; }

    /// <summary>Tag override.</summary>
    [YamlField("imageTag")] public string? ImageTag { get; init; }

    /// <summary>Data directory on the host.</summary>
    [YamlField("dataDir", KeepEmpty = true)] public string? DataDir { get; init; }

    /// <summary>Extra etcd flags.</summary>
    [YamlField("extraArgs")] public IReadOnlyList<Arg>? ExtraArgs { get; init; }

    /// <summary>Extra environment variables.</summary>
    [YamlField("extraEnvs")] public IReadOnlyList<EnvVar>? ExtraEnvs { get; init; }

    /// <summary>Extra SANs for the etcd serving certificate.</summary>
    [YamlField("serverCertSANs")] public IReadOnlyList<string>? ServerCertSans { get; init; }

    /// <summary>Extra SANs for the etcd peer certificate.</summary>
    [YamlField("peerCertSANs")] public IReadOnlyList<string>? PeerCertSans { get; init; }
}

/// <summary>External etcd endpoints and client TLS files.</summary>
public sealed record ExternalEtcd
{
    /// <summary>Client URLs.</summary>
    [YamlField("endpoints", KeepEmpty = true)] public IReadOnlyList<string>? Endpoints { get; init; }

    /// <summary>CA bundle path.</summary>
    [YamlField("caFile", KeepEmpty = true)] public string? CaFile { get; init; }

    /// <summary>Client certificate path.</summary>
    [YamlField("certFile", KeepEmpty = true)] public string? CertFile { get; init; }

    /// <summary>Client key path.</summary>
    [YamlField("keyFile", KeepEmpty = true)] public string? KeyFile { get; init; }

    /// <summary>
    /// The members' plain-HTTP endpoints (metrics and health, etcd's <c>--listen-client-http-urls</c>), from v1.35 (#134890).
    /// Kiln validates them; it does not health-check external etcd (docs/differences.md).
    /// </summary>
    [YamlField("httpEndpoints")] public IReadOnlyList<string>? HttpEndpoints { get; init; }
}
