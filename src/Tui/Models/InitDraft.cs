using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;

namespace Kiln.Tui.Models;

/// <summary>
/// What the wizard's fields hold: plain text, all of it editable and possibly invalid. <see cref="Apply"/> turns
/// it into a config on top of the loaded one, so every setting the wizard does not ask about is kept.
/// </summary>
public sealed class InitDraft
{
    public const string LocalEtcd = "local";
    public const string ExternalEtcd = "external";

    public string NodeName { get; set; } = "";
    public string AdvertiseAddress { get; set; } = "";
    public string CriSocket { get; set; } = "";
    public string KubernetesVersion { get; set; } = "";
    public string ControlPlaneEndpoint { get; set; } = "";
    public string PodSubnet { get; set; } = "";
    public string ServiceSubnet { get; set; } = "";
    public string DnsDomain { get; set; } = "";
    public string ImageRepository { get; set; } = "";
    public string EncryptionAlgorithm { get; set; } = "";
    public string CertificateValidity { get; set; } = "";
    public string CaCertificateValidity { get; set; } = "";
    public string ExtraSans { get; set; } = "";
    public string CertificatesDir { get; set; } = "";
    public string Etcd { get; set; } = LocalEtcd;
    public string EtcdEndpoints { get; set; } = "";
    public string EtcdCaFile { get; set; } = "";
    public string EtcdCertFile { get; set; } = "";
    public string EtcdKeyFile { get; set; } = "";

    /// <summary>Fills the fields from a defaulted config.</summary>
    public static InitDraft From(KubeadmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var init = config.Init ?? new InitConfiguration();
        var cluster = config.Cluster ?? new ClusterConfiguration();
        var external = cluster.Etcd.External;
        return new InitDraft
        {
            NodeName = init.NodeRegistration.Name ?? "",
            AdvertiseAddress = init.LocalApiEndpoint.AdvertiseAddress ?? "",
            CriSocket = init.NodeRegistration.CriSocket ?? "",
            KubernetesVersion = cluster.KubernetesVersion ?? "",
            ControlPlaneEndpoint = cluster.ControlPlaneEndpoint ?? "",
            PodSubnet = cluster.Networking.PodSubnet ?? "",
            ServiceSubnet = cluster.Networking.ServiceSubnet ?? "",
            DnsDomain = cluster.Networking.DnsDomain ?? "",
            ImageRepository = cluster.ImageRepository ?? "",
            EncryptionAlgorithm = cluster.EncryptionAlgorithm ?? "",
            CertificateValidity = cluster.CertificateValidityPeriod?.ToString() ?? "",
            CaCertificateValidity = cluster.CaCertificateValidityPeriod?.ToString() ?? "",
            ExtraSans = string.Join(", ", cluster.ApiServer.CertSans ?? []),
            CertificatesDir = cluster.CertificatesDir ?? "",
            Etcd = external is null ? LocalEtcd : ExternalEtcd,
            EtcdEndpoints = string.Join(", ", external?.Endpoints ?? []),
            EtcdCaFile = external?.CaFile ?? "",
            EtcdCertFile = external?.CertFile ?? "",
            EtcdKeyFile = external?.KeyFile ?? "",
        };
    }

    /// <summary>
    /// The config these fields describe, on top of <paramref name="baseConfig"/>, with kubeadm's defaults for what is
    /// left empty. Text that cannot even be converted (a duration, the etcd mode) becomes a finding here; the rest is
    /// the validator's job.
    /// </summary>
    public KubeadmConfig Apply(KubeadmConfig baseConfig, HostFacts? host, ICollection<ConfigError> findings)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        ArgumentNullException.ThrowIfNull(findings);
        var init = baseConfig.Init ?? new InitConfiguration();
        var cluster = baseConfig.Cluster ?? new ClusterConfiguration();
        init = init with
        {
            NodeRegistration = init.NodeRegistration with { Name = Text(NodeName), CriSocket = Text(CriSocket) },
            LocalApiEndpoint = init.LocalApiEndpoint with { AdvertiseAddress = Text(AdvertiseAddress) },
        };
        var external = string.Equals(Etcd.Trim(), ExternalEtcd, StringComparison.Ordinal);
        if (!external && !string.Equals(Etcd.Trim(), LocalEtcd, StringComparison.Ordinal))
        {
            findings.Add(Finding("etcd", $"'{Etcd.Trim()}' is not an etcd mode", "local or external"));
        }

        cluster = cluster with
        {
            KubernetesVersion = Text(KubernetesVersion),
            ControlPlaneEndpoint = Text(ControlPlaneEndpoint),
            Networking = cluster.Networking with { PodSubnet = Text(PodSubnet), ServiceSubnet = Text(ServiceSubnet), DnsDomain = Text(DnsDomain) },
            ImageRepository = Text(ImageRepository),
            EncryptionAlgorithm = Text(EncryptionAlgorithm),
            CertificateValidityPeriod = Duration(CertificateValidity, "certificateValidityPeriod", findings),
            CaCertificateValidityPeriod = Duration(CaCertificateValidity, "caCertificateValidityPeriod", findings),
            ApiServer = cluster.ApiServer with { CertSans = List(ExtraSans) },
            CertificatesDir = Text(CertificatesDir),
            Etcd = external
                ? new Etcd
                {
                    External = new Phases.Config.Model.ExternalEtcd
                    {
                        Endpoints = List(EtcdEndpoints) ?? [], CaFile = Text(EtcdCaFile), CertFile = Text(EtcdCertFile), KeyFile = Text(EtcdKeyFile),
                    },
                }
                : new Etcd { Local = cluster.Etcd.Local ?? new LocalEtcd() },
        };
        return ConfigDefaults.Apply(baseConfig with { Init = init, Cluster = cluster }, host);
    }

    static string? Text(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static List<string>? List(string value)
    {
        var items = value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return items.Count == 0 ? null : items;
    }

    static GoDuration? Duration(string value, string field, ICollection<ConfigError> findings)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        if (GoDuration.TryParse(text, out var d))
        {
            return d;
        }

        findings.Add(Finding(field, $"'{text}' is not a duration", "a duration such as 8760h or 87600h0m0s"));
        return null;
    }

    static ConfigError Finding(string field, string message, string allowed) =>
        new(SourceLocation.OfFile("(wizard)"), field, message, allowed);
}
