using Kiln.Phases.Config;
using Kiln.Phases.Versions;

namespace Kiln.Tui.Models;

/// <summary>The wizard's fields, as data: the views draw whatever is listed here.</summary>
public static class WizardFields
{
    public static IReadOnlyList<FieldSpec> For(HostChoices host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return
        [
            new("nodeRegistration.name", WizardStep.Node, "Node name", "This node's name in the cluster (a DNS-1123 subdomain).",
                d => d.NodeName, (d, v) => d.NodeName = v),
            new("localAPIEndpoint.advertiseAddress", WizardStep.Node, "Advertise address", "The IP the API server advertises; F2 picks one of this host's addresses.",
                d => d.AdvertiseAddress, (d, v) => d.AdvertiseAddress = v) { Choices = host.Addresses },
            new("nodeRegistration.criSocket", WizardStep.Node, "CRI socket", "The container runtime's socket URL; F2 picks one found on this host.",
                d => d.CriSocket, (d, v) => d.CriSocket = v) { Choices = [.. host.CriSockets.Append(ConfigDefaults.CriSocket).Distinct(StringComparer.Ordinal)] },
            new("kubernetesVersion", WizardStep.Cluster, "Kubernetes version", $"A version from {VersionTable.SupportedRange}; F2 cycles through the known ones.",
                d => d.KubernetesVersion, (d, v) => d.KubernetesVersion = v) { Choices = [.. VersionTable.Minors.Select(m => m.Latest.ToString()).Reverse()] },
            new("controlPlaneEndpoint", WizardStep.Cluster, "Control-plane endpoint", "A stable host[:port] for the control plane (a load balancer); empty for this node.",
                d => d.ControlPlaneEndpoint, (d, v) => d.ControlPlaneEndpoint = v),
            new("networking.podSubnet", WizardStep.Cluster, "Pod subnet", "The pod network CIDR your network plugin expects, e.g. 10.244.0.0/16.",
                d => d.PodSubnet, (d, v) => d.PodSubnet = v),
            new("networking.serviceSubnet", WizardStep.Cluster, "Service subnet", "The service CIDR (default 10.96.0.0/12).",
                d => d.ServiceSubnet, (d, v) => d.ServiceSubnet = v),
            new("networking.dnsDomain", WizardStep.Cluster, "DNS domain", "The cluster DNS domain (default cluster.local).",
                d => d.DnsDomain, (d, v) => d.DnsDomain = v),
            new("imageRepository", WizardStep.Cluster, "Image repository", "Registry for control-plane images; set a mirror for air-gapped sites.",
                d => d.ImageRepository, (d, v) => d.ImageRepository = v),
            new("encryptionAlgorithm", WizardStep.Certificates, "Key algorithm", "Key type for every generated key; F2 cycles. ECDSA is fast.",
                d => d.EncryptionAlgorithm, (d, v) => d.EncryptionAlgorithm = v) { Choices = VersionTable.Minors[^1].EncryptionAlgorithms },
            new("certificateValidityPeriod", WizardStep.Certificates, "Certificate validity", "How long leaf certificates last, e.g. 8760h (one year).",
                d => d.CertificateValidity, (d, v) => d.CertificateValidity = v),
            new("caCertificateValidityPeriod", WizardStep.Certificates, "CA validity", "How long the CAs last, e.g. 87600h (ten years).",
                d => d.CaCertificateValidity, (d, v) => d.CaCertificateValidity = v),
            new("apiServer.certSANs", WizardStep.Certificates, "Extra SANs", "More names or IPs for the API server certificate, comma-separated.",
                d => d.ExtraSans, (d, v) => d.ExtraSans = v),
            new("certificatesDir", WizardStep.Certificates, "Certificates dir", "Where certificates go; an existing CA there (ca.crt + ca.key) is reused.",
                d => d.CertificatesDir, (d, v) => d.CertificatesDir = v),
            new("etcd", WizardStep.Etcd, "Etcd", "local: a stacked etcd on this node; external: an etcd cluster run elsewhere. F2 switches.",
                d => d.Etcd, (d, v) => d.Etcd = v) { Choices = [InitDraft.LocalEtcd, InitDraft.ExternalEtcd] },
            new("etcd.external.endpoints", WizardStep.Etcd, "Endpoints", "External etcd client URLs, comma-separated, e.g. https://10.0.0.5:2379.",
                d => d.EtcdEndpoints, (d, v) => d.EtcdEndpoints = v) { ExternalEtcdOnly = true },
            new("etcd.external.caFile", WizardStep.Etcd, "CA file", "The etcd CA certificate (absolute path).",
                d => d.EtcdCaFile, (d, v) => d.EtcdCaFile = v) { ExternalEtcdOnly = true },
            new("etcd.external.certFile", WizardStep.Etcd, "Client cert", "The client certificate for etcd (absolute path).",
                d => d.EtcdCertFile, (d, v) => d.EtcdCertFile = v) { ExternalEtcdOnly = true },
            new("etcd.external.keyFile", WizardStep.Etcd, "Client key", "The client key for etcd (absolute path; its content is never shown).",
                d => d.EtcdKeyFile, (d, v) => d.EtcdKeyFile = v) { ExternalEtcdOnly = true },
        ];
    }
}
