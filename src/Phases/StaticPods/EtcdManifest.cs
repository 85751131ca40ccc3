using System.Text.Json.Nodes;
using Kiln.Phases.Images;

namespace Kiln.Phases.StaticPods;

/// <summary>
/// The local etcd static pod (cmd/kubeadm/app/phases/etcd/local.go). The flag spellings follow the etcd image: etcd 3.5
/// takes the <c>--experimental-*</c> forms; etcd 3.6 takes the new ones (#132838, #135701) and etcd 3.7 rejects every
/// <c>--experimental-*</c> flag.
/// </summary>
public static class EtcdManifest
{
    /// <summary>The flags etcd 3.6 renamed or added, which Debian's etcd 3.4 and etcd 3.5 reject.</summary>
    public static IReadOnlyList<string> Etcd36OnlyFlags { get; } = ["feature-gates", "watch-progress-notify-interval"];

    /// <summary>The etcd release of an image tag (<c>3.6.6-0</c> is 3.6.6); null for a tag that is not a version.</summary>
    public static Version? VersionOf(string tag) => Version.TryParse(tag.Split('-')[0].TrimStart('v'), out var v) ? v : null;

    /// <summary>Whether an etcd image tag is etcd 3.6 or newer; a tag that is not a version counts as new.</summary>
    public static bool IsEtcd36OrNewer(string tag) => VersionOf(tag) is not { } v || v >= new Version(3, 6);

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
        var image = ControlPlaneImages.For(i.Cluster).First(x => string.Equals(x.Component, "etcd", StringComparison.Ordinal)).Reference;
        args.AddRange(IsEtcd36OrNewer(image[(image.LastIndexOf(':') + 1)..])
            ? [("feature-gates", "InitialCorruptCheck=true"), ("watch-progress-notify-interval", "5s")]
            : [("experimental-initial-corrupt-check", "true"), ("experimental-watch-progress-notify-interval", "5s")]);
        var probe = new PodBuilder.Probe(loopback.Trim('[', ']'), "HTTP", 2381, "/livez", "/readyz", "/readyz");
        PodBuilder.Mount[] mounts =
        [
            new("etcd-certs", $"{pki}/etcd", $"{pki}/etcd", "DirectoryOrCreate", false),
            new("etcd-data", dataDir, dataDir, "DirectoryOrCreate", false),
        ];
        return PodBuilder.Create("etcd", ComponentArgs.Command("etcd", args, local.ExtraArgs, i.Traits.SortsUserExtraArgs), image, i.PullPolicy, probe, i.Traits.NamedProbePort,
            i.StartupFailures, new(StringComparer.Ordinal) { ["cpu"] = "100m", ["memory"] = "100Mi" }, mounts, null, local.ExtraEnvs,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["kubeadm.kubernetes.io/etcd.advertise-client-urls"] = $"https://{adv}:2379" });
    }
}
