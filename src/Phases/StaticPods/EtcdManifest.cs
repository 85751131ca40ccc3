using System.Text.Json.Nodes;
using Kiln.Phases.Images;

namespace Kiln.Phases.StaticPods;

/// <summary>The local etcd static pod (reference §3.6): etcd 3.5 flag names up to v1.33, 3.6 names from v1.34.</summary>
public static class EtcdManifest
{
    /// <summary>The flags etcd 3.6 renamed or added, which Debian's etcd 3.4 and etcd 3.5 reject.</summary>
    public static IReadOnlyList<string> Etcd36OnlyFlags { get; } = ["feature-gates", "watch-progress-notify-interval"];

    /// <summary>The etcd pod.</summary>
    public static JsonObject Create(ManifestInputs i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var local = i.Cluster.Etcd.Local ?? new Config.Model.LocalEtcd();
        var pki = i.Pki;
        var dataDir = local.DataDir ?? "/var/lib/etcd";
        var adv = i.AdvertiseHost;
        var loopback = i.Advertise.Contains(':', StringComparison.Ordinal) ? "[::1]" : "127.0.0.1";
        var args = new List<(string, string)>
        {
            ("advertise-client-urls", $"https://{adv}:2379"), ("cert-file", $"{pki}/etcd/server.crt"), ("client-cert-auth", "true"),
            ("data-dir", dataDir), ("initial-advertise-peer-urls", $"https://{adv}:2380"), ("initial-cluster", $"{i.NodeName}=https://{adv}:2380"),
            ("key-file", $"{pki}/etcd/server.key"), ("listen-client-urls", $"https://{loopback}:2379,https://{adv}:2379"),
            ("listen-metrics-urls", $"http://{loopback}:2381"), ("listen-peer-urls", $"https://{adv}:2380"), ("name", i.NodeName),
            ("peer-cert-file", $"{pki}/etcd/peer.crt"), ("peer-client-cert-auth", "true"), ("peer-key-file", $"{pki}/etcd/peer.key"),
            ("peer-trusted-ca-file", $"{pki}/etcd/ca.crt"), ("snapshot-count", "10000"), ("trusted-ca-file", $"{pki}/etcd/ca.crt"),
        };
        args.AddRange(i.Traits.Etcd36
            ? [("feature-gates", "InitialCorruptCheck=true"), ("watch-progress-notify-interval", "5s")]
            : [("experimental-initial-corrupt-check", "true"), ("experimental-watch-progress-notify-interval", "5s")]);
        var probe = new PodBuilder.Probe(loopback.Trim('[', ']'), "HTTP", 2381, "/livez", "/readyz", "/readyz");
        var image = ControlPlaneImages.For(i.Cluster).First(x => string.Equals(x.Component, "etcd", StringComparison.Ordinal)).Reference;
        PodBuilder.Mount[] mounts =
        [
            new("etcd-certs", $"{pki}/etcd", $"{pki}/etcd", "DirectoryOrCreate", false),
            new("etcd-data", dataDir, dataDir, "DirectoryOrCreate", false),
        ];
        return PodBuilder.Create("etcd", ComponentArgs.Command("etcd", args, local.ExtraArgs), image, i.PullPolicy, probe, i.Traits.NamedProbePort,
            i.StartupFailures, new(StringComparer.Ordinal) { ["cpu"] = "100m", ["memory"] = "100Mi" }, mounts, null, local.ExtraEnvs,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["kubeadm.kubernetes.io/etcd.advertise-client-urls"] = $"https://{adv}:2379" });
    }
}
