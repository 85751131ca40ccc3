using System.Net;
using Kiln.Phases.Net;

namespace Kiln.Phases.Certs;

/// <summary>kubeadm's certificates in creation order (cmd/kubeadm/app/phases/certs/certlist.go–1.2).</summary>
public static class CertSpecs
{
    static SubjectAltNames Named(string dns) => new([dns], []);

    /// <summary>The Kubernetes CA.</summary>
    public static CertSpec Ca { get; } = new("ca", "self-signed Kubernetes CA", "ca", null, _ => "kubernetes", [], CertUsage.None, _ => Named("kubernetes"));

    /// <summary>The front-proxy CA.</summary>
    public static CertSpec FrontProxyCa { get; } = new("front-proxy-ca", "self-signed CA for the front proxy", "front-proxy-ca", null, _ => "front-proxy-ca", [],
        CertUsage.None, _ => Named("front-proxy-ca"));

    /// <summary>The etcd CA.</summary>
    public static CertSpec EtcdCa { get; } = new("etcd-ca", "self-signed CA for etcd", "etcd/ca", null, _ => "etcd-ca", [], CertUsage.None, _ => Named("etcd-ca"));

    /// <summary>Every certificate, CAs before the leaves they sign.</summary>
    public static IReadOnlyList<CertSpec> All { get; } =
    [
        Ca,
        new("apiserver", "certificate for serving the Kubernetes API", "apiserver", Ca, _ => "kube-apiserver", [], CertUsage.Server, ApiServerSans),
        new("apiserver-kubelet-client", "certificate for the API server to connect to kubelet", "apiserver-kubelet-client", Ca,
            _ => "kube-apiserver-kubelet-client", ["kubeadm:cluster-admins"], CertUsage.Client, _ => SubjectAltNames.None),
        FrontProxyCa,
        new("front-proxy-client", "certificate for the front proxy client", "front-proxy-client", FrontProxyCa, _ => "front-proxy-client", [],
            CertUsage.Client, _ => SubjectAltNames.None),
        EtcdCa,
        new("etcd-server", "certificate for serving etcd", "etcd/server", EtcdCa, i => i.NodeName, [], CertUsage.Server | CertUsage.Client,
            i => EtcdSans(i).With(i.Cluster.Etcd.Local?.ServerCertSans ?? [])),
        new("etcd-peer", "certificate for etcd nodes to communicate with each other", "etcd/peer", EtcdCa, i => i.NodeName, [],
            CertUsage.Server | CertUsage.Client, i => EtcdSans(i).With(i.Cluster.Etcd.Local?.PeerCertSans ?? [])),
        new("etcd-healthcheck-client", "certificate for liveness probes to healthcheck etcd", "etcd/healthcheck-client", EtcdCa,
            _ => "kube-etcd-healthcheck-client", [], CertUsage.Client, _ => SubjectAltNames.None),
        new("apiserver-etcd-client", "certificate the apiserver uses to access etcd", "apiserver-etcd-client", EtcdCa,
            _ => "kube-apiserver-etcd-client", [], CertUsage.Client, _ => SubjectAltNames.None),
    ];

    /// <summary>The spec with this name.</summary>
    public static CertSpec ByName(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal)) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "not a kubeadm certificate");

    static SubjectAltNames ApiServerSans(PkiInputs i)
    {
        var domain = i.Cluster.Networking.DnsDomain ?? "cluster.local";
        var sans = new SubjectAltNames(
            [i.NodeName, "kubernetes", "kubernetes.default", "kubernetes.default.svc", $"kubernetes.default.svc.{domain}"],
            [IPAddress.Parse(i.ApiServiceIp), IPAddress.Parse(i.AdvertiseAddress)]);
        var extra = new List<string>();
        if (i.Cluster.ControlPlaneEndpoint is { Length: > 0 } cpe && NetParse.TrySplitHostPort(cpe, out var host, out _))
        {
            extra.Add(host);
        }

        extra.AddRange(i.Cluster.ApiServer.CertSans ?? []);
        return sans.With(extra);
    }

    static SubjectAltNames EtcdSans(PkiInputs i) =>
        new([i.NodeName, "localhost"], [IPAddress.Parse(i.AdvertiseAddress), IPAddress.Loopback, IPAddress.IPv6Loopback]);
}
