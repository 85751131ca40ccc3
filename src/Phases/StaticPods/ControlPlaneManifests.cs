using System.Text.Json.Nodes;
using Kiln.Phases.Config;
using Kiln.Phases.Images;

namespace Kiln.Phases.StaticPods;

/// <summary>The kube-apiserver, kube-controller-manager and kube-scheduler static pods (cmd/kubeadm/app/phases/controlplane/manifests.go–3.5).</summary>
public static class ControlPlaneManifests
{
    static string Image(ManifestInputs i, string component) => ControlPlaneImages.For(i.Cluster).First(x => string.Equals(x.Component, component, StringComparison.Ordinal)).Reference;

    /// <summary>kube-apiserver.</summary>
    public static JsonObject ApiServer(ManifestInputs i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var c = i.Cluster;
        var pki = i.Pki;
        var domain = c.Networking.DnsDomain ?? "cluster.local";
        var args = new List<(string, string)>
        {
            ("advertise-address", i.Advertise), ("allow-privileged", "true"), ("client-ca-file", $"{pki}/ca.crt"),
            ("enable-admission-plugins", "NodeRestriction"), ("enable-bootstrap-token-auth", "true"),
            ("kubelet-client-certificate", $"{pki}/apiserver-kubelet-client.crt"), ("kubelet-client-key", $"{pki}/apiserver-kubelet-client.key"),
            ("kubelet-preferred-address-types", "InternalIP,ExternalIP,Hostname"),
            ("proxy-client-cert-file", $"{pki}/front-proxy-client.crt"), ("proxy-client-key-file", $"{pki}/front-proxy-client.key"),
            ("requestheader-allowed-names", "front-proxy-client"), ("requestheader-client-ca-file", $"{pki}/front-proxy-ca.crt"),
            ("requestheader-extra-headers-prefix", "X-Remote-Extra-"), ("requestheader-group-headers", "X-Remote-Group"),
            ("requestheader-username-headers", "X-Remote-User"), ("secure-port", i.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("service-account-issuer", $"https://kubernetes.default.svc.{domain}"), ("service-account-key-file", $"{pki}/sa.pub"),
            ("service-account-signing-key-file", $"{pki}/sa.key"), ("service-cluster-ip-range", c.Networking.ServiceSubnet ?? "10.96.0.0/12"),
            ("tls-cert-file", $"{pki}/apiserver.crt"), ("tls-private-key-file", $"{pki}/apiserver.key"),
        };
        if (c.ApiServer.ExtraArgs.Last("authorization-config") is null)
        {
            args.Add(("authorization-mode", "Node,RBAC"));
        }

        var mounts = PodBuilder.CaTrust(pki).ToList();
        if (c.Etcd.External is { } ext)
        {
            args.Add(("etcd-servers", string.Join(',', ext.Endpoints ?? [])));
            var files = new[] { ("etcd-cafile", ext.CaFile), ("etcd-certfile", ext.CertFile), ("etcd-keyfile", ext.KeyFile) }.Where(f => f.Item2 is not null).ToList();
            args.AddRange(files.Select(f => (f.Item1, f.Item2!)));
            // files outside the PKI directory need their own read-only mounts
            var dirs = files.Select(f => Path.GetDirectoryName(f.Item2!)!).Where(d => !string.Equals(d, pki, StringComparison.Ordinal) && !d.StartsWith(pki + "/", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            mounts.AddRange(dirs.Select((d, n) => new PodBuilder.Mount($"etcd-certs-{n}", d, d, "DirectoryOrCreate", true)));
        }
        else
        {
            var loopback = i.Advertise.Contains(':', StringComparison.Ordinal) ? "[::1]" : "127.0.0.1";
            args.AddRange([("etcd-cafile", $"{pki}/etcd/ca.crt"), ("etcd-certfile", $"{pki}/apiserver-etcd-client.crt"),
                ("etcd-keyfile", $"{pki}/apiserver-etcd-client.key"), ("etcd-servers", $"https://{loopback}:2379")]);
        }

        var probe = new PodBuilder.Probe(i.Advertise, "HTTPS", i.Port, "/livez", "/readyz", "/livez");
        return PodBuilder.Create("kube-apiserver", ComponentArgs.Command("kube-apiserver", args, c.ApiServer.ExtraArgs, i.Traits.SortsUserExtraArgs), Image(i, "kube-apiserver"),
            i.PullPolicy, probe, i.Traits.NamedProbePort, i.StartupFailures, new(StringComparer.Ordinal) { ["cpu"] = "250m" }, mounts, c.ApiServer.ExtraVolumes,
            i.ComponentEnv(c.ApiServer.ExtraEnvs), new Dictionary<string, string>(StringComparer.Ordinal) { ["kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint"] = $"{i.AdvertiseHost}:{i.Port}" });
    }

    /// <summary>kube-controller-manager.</summary>
    public static JsonObject ControllerManager(ManifestInputs i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var c = i.Cluster;
        var pki = i.Pki;
        const string Conf = "/etc/kubernetes/controller-manager.conf";
        var args = new List<(string, string)>
        {
            ("authentication-kubeconfig", Conf), ("authorization-kubeconfig", Conf), ("bind-address", "127.0.0.1"), ("client-ca-file", $"{pki}/ca.crt"),
            ("cluster-name", c.ClusterName ?? "kubernetes"), ("cluster-signing-cert-file", $"{pki}/ca.crt"),
            ("cluster-signing-key-file", i.ExternalCa ? "" : $"{pki}/ca.key"), ("controllers", "*,bootstrapsigner,tokencleaner"),
            ("kubeconfig", Conf), ("leader-elect", "true"), ("requestheader-client-ca-file", $"{pki}/front-proxy-ca.crt"),
            ("root-ca-file", $"{pki}/ca.crt"), ("service-account-private-key-file", $"{pki}/sa.key"), ("use-service-account-credentials", "true"),
        };
        if (c.Networking.PodSubnet is { } pods)
        {
            args.AddRange([("allocate-node-cidrs", "true"), ("cluster-cidr", pods), ("service-cluster-ip-range", c.Networking.ServiceSubnet ?? "10.96.0.0/12")]);
        }

        var mounts = PodBuilder.CaTrust(pki).Append(new("kubeconfig", Conf, Conf, "FileOrCreate", true));
        // v1.36 dropped the flex-volume mount (#136423); a flex-volume-plugin-dir the user names keeps its mount (docs/differences.md)
        var userFlex = c.ControllerManager.ExtraArgs.Last("flex-volume-plugin-dir");
        if (i.Traits.FlexVolumeMount || userFlex is not null)
        {
            var flex = userFlex ?? "/usr/libexec/kubernetes/kubelet-plugins/volume/exec";
            mounts = mounts.Append(new("flexvolume-dir", flex, flex, "DirectoryOrCreate", false));
        }

        var probe = new PodBuilder.Probe(c.ControllerManager.ExtraArgs.Last("bind-address") ?? "127.0.0.1", "HTTPS", 10257, "/healthz", null, "/healthz");
        return PodBuilder.Create("kube-controller-manager", ComponentArgs.Command("kube-controller-manager", args, c.ControllerManager.ExtraArgs, i.Traits.SortsUserExtraArgs),
            Image(i, "kube-controller-manager"), i.PullPolicy, probe, i.Traits.NamedProbePort, i.StartupFailures, new(StringComparer.Ordinal) { ["cpu"] = "200m" },
            mounts, c.ControllerManager.ExtraVolumes, i.ComponentEnv(c.ControllerManager.ExtraEnvs), null);
    }

    /// <summary>kube-scheduler.</summary>
    public static JsonObject Scheduler(ManifestInputs i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var c = i.Cluster;
        const string Conf = "/etc/kubernetes/scheduler.conf";
        var args = new (string, string)[]
        {
            ("authentication-kubeconfig", Conf), ("authorization-kubeconfig", Conf), ("bind-address", "127.0.0.1"), ("kubeconfig", Conf), ("leader-elect", "true"),
        };
        var host = c.Scheduler.ExtraArgs.Last("bind-address") ?? "127.0.0.1";
        // v1.34 moved the scheduler's probes to /livez and /readyz
        var probe = i.Traits.NamedProbePort
            ? new PodBuilder.Probe(host, "HTTPS", 10259, "/livez", "/readyz", "/livez")
            : new PodBuilder.Probe(host, "HTTPS", 10259, "/healthz", null, "/healthz");
        return PodBuilder.Create("kube-scheduler", ComponentArgs.Command("kube-scheduler", args, c.Scheduler.ExtraArgs, i.Traits.SortsUserExtraArgs), Image(i, "kube-scheduler"),
            i.PullPolicy, probe, i.Traits.NamedProbePort, i.StartupFailures, new(StringComparer.Ordinal) { ["cpu"] = "100m" },
            [new("kubeconfig", Conf, Conf, "FileOrCreate", true)], c.Scheduler.ExtraVolumes, i.ComponentEnv(c.Scheduler.ExtraEnvs), null);
    }
}
