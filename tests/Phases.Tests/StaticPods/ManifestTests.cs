using k8s;
using k8s.Models;
using Kiln.Phases.StaticPods;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.StaticPods;

public class ManifestTests
{
    static V1Pod RoundTrip(System.Text.Json.Nodes.JsonObject pod) => KubernetesYaml.Deserialize<V1Pod>(ManifestYaml.Write(pod), strict: true);

    static ManifestInputs Inputs(string version, string cluster = "", string init = "") =>
        ManifestInputs.For(InitConfigs.Load(cluster, init).Let(c => c with { Cluster = c.Cluster! with { KubernetesVersion = version } }));

    static Dictionary<string, List<string>> Flags(V1Pod pod) => pod.Spec.Containers[0].Command.Skip(1)
        .Select(f => f[2..].Split('=', 2)).GroupBy(p => p[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p[1]).ToList(), StringComparer.Ordinal);

    [Theory]
    [InlineData("v1.33.2", "3.5.21-0", false)]
    [InlineData("v1.34.2", "3.6.5-0", true)]
    [InlineData("v1.37.0", "3.7.0-0", true)]
    public void Etcd_PerMinor_HasKubeadmFlagsImageAndProbes(string version, string etcdTag, bool etcd36)
    {
        var pod = RoundTrip(EtcdManifest.Create(Inputs(version)));
        var flags = Flags(pod);
        var c = pod.Spec.Containers[0];

        Assert.Equal($"registry.k8s.io/etcd:{etcdTag}", c.Image);
        Assert.Equal("https://10.0.0.10:2379", flags["advertise-client-urls"].Single());
        Assert.Equal("https://127.0.0.1:2379,https://10.0.0.10:2379", flags["listen-client-urls"].Single());
        Assert.Equal("node1=https://10.0.0.10:2380", flags["initial-cluster"].Single());
        Assert.Equal("http://127.0.0.1:2381", flags["listen-metrics-urls"].Single());
        Assert.Equal("10000", flags["snapshot-count"].Single());
        Assert.Equal(etcd36, flags.ContainsKey("feature-gates"));
        Assert.Equal(etcd36, flags.ContainsKey("watch-progress-notify-interval"));
        Assert.Equal(!etcd36, flags.ContainsKey("experimental-initial-corrupt-check"));
        Assert.Equal(!etcd36, flags.ContainsKey("experimental-watch-progress-notify-interval"));
        Assert.Equal(c.Command.Skip(1).Order(StringComparer.Ordinal), c.Command.Skip(1), StringComparer.Ordinal);
        Assert.Equal(("/livez", "/readyz", "/readyz"), (c.LivenessProbe.HttpGet.Path, c.ReadinessProbe.HttpGet.Path, c.StartupProbe.HttpGet.Path));
        Assert.Equal(etcd36 ? "probe-port" : "2381", c.LivenessProbe.HttpGet.Port.Value);
        if (etcd36)
        {
            // etcd 3.7 rejects every --experimental-* flag; etcd 3.6 has the new names
            Assert.DoesNotContain(c.Command, a => a.StartsWith("--experimental-", StringComparison.Ordinal));
        }

        Assert.Equal((8, 3, 24), (c.LivenessProbe.FailureThreshold, c.ReadinessProbe.FailureThreshold, c.StartupProbe.FailureThreshold));
        Assert.Equal(["100m", "100Mi"], [c.Resources.Requests["cpu"].ToString(), c.Resources.Requests["memory"].ToString()]);
        Assert.Equal(["etcd-certs", "etcd-data"], pod.Spec.Volumes.Select(v => v.Name), StringComparer.Ordinal);
        Assert.Equal("https://10.0.0.10:2379", pod.Metadata.Annotations["kubeadm.kubernetes.io/etcd.advertise-client-urls"]);
        Assert.Equal((true, 2000001000, "system-node-critical", "RuntimeDefault"),
            (pod.Spec.HostNetwork!.Value, pod.Spec.Priority!.Value, pod.Spec.PriorityClassName, pod.Spec.SecurityContext.SeccompProfile.Type));
    }

    [Theory]
    [InlineData("v1.33.2", false)]
    [InlineData("v1.34.2", true)]
    [InlineData("v1.35.1", true)]
    [InlineData("v1.36.3", true)]
    [InlineData("v1.37.0", true)]
    public void ControlPlane_PerMinor_HasKubeadmShape(string version, bool v134)
    {
        var i = Inputs(version, "networking:\n  podSubnet: 10.244.0.0/16\n");
        var api = RoundTrip(ControlPlaneManifests.ApiServer(i));
        var kcm = RoundTrip(ControlPlaneManifests.ControllerManager(i));
        var sched = RoundTrip(ControlPlaneManifests.Scheduler(i));
        var apiFlags = Flags(api);
        var kcmFlags = Flags(kcm);

        Assert.Equal($"registry.k8s.io/kube-apiserver:{version}", api.Spec.Containers[0].Image);
        Assert.Equal("Node,RBAC", apiFlags["authorization-mode"].Single());
        Assert.Equal("https://127.0.0.1:2379", apiFlags["etcd-servers"].Single());
        Assert.Equal("https://kubernetes.default.svc.cluster.local", apiFlags["service-account-issuer"].Single());
        Assert.Equal(27, apiFlags.Count);
        Assert.Equal("10.0.0.10:6443", api.Metadata.Annotations["kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint"]);
        Assert.Equal(["ca-certs", "etc-ca-certificates", "k8s-certs", "usr-local-share-ca-certificates", "usr-share-ca-certificates"], api.Spec.Volumes.Select(v => v.Name), StringComparer.Ordinal);
        Assert.Equal(("10.0.0.10", "HTTPS", "/livez", "/readyz"), (api.Spec.Containers[0].LivenessProbe.HttpGet.Host, api.Spec.Containers[0].LivenessProbe.HttpGet.Scheme,
            api.Spec.Containers[0].LivenessProbe.HttpGet.Path, api.Spec.Containers[0].ReadinessProbe.HttpGet.Path));
        Assert.Equal(["true", "10.244.0.0/16", "10.96.0.0/12"], [kcmFlags["allocate-node-cidrs"][0], kcmFlags["cluster-cidr"][0], kcmFlags["service-cluster-ip-range"][0]]);
        Assert.Equal("*,bootstrapsigner,tokencleaner", kcmFlags["controllers"].Single());
        Assert.Equal("/etc/kubernetes/pki/ca.key", kcmFlags["cluster-signing-key-file"].Single());
        // v1.36 dropped the flex-volume mount (#136423)
        var flex = string.CompareOrdinal(version, "v1.36") < 0;
        Assert.Equal(flex, kcm.Spec.Volumes.Any(v => string.Equals(v.Name, "flexvolume-dir", StringComparison.Ordinal) && string.Equals(v.HostPath.Type, "DirectoryOrCreate", StringComparison.Ordinal)));
        Assert.Equal(v134 ? "/livez" : "/healthz", sched.Spec.Containers[0].LivenessProbe.HttpGet.Path);
        Assert.Equal(v134, sched.Spec.Containers[0].ReadinessProbe is not null);
        Assert.Equal(v134 ? "probe-port" : "10259", sched.Spec.Containers[0].StartupProbe.HttpGet.Port.Value);
        Assert.Equal(v134, sched.Spec.Containers[0].Ports is { Count: 1 });
        Assert.Equal(["250m", "200m", "100m"], new[] { api, kcm, sched }.Select(p => p.Spec.Containers[0].Resources.Requests["cpu"].ToString()), StringComparer.Ordinal);
    }

    [Fact]
    public void ApiServer_ExtraArgs_ReplaceDefaultsAndKeepRepeats()
    {
        var i = Inputs("v1.34.2", "apiServer:\n  extraArgs:\n  - {name: authorization-config, value: /etc/k/authz.yaml}\n  - {name: feature-gates, value: A=true}\n  - {name: feature-gates, value: B=false}\n  - {name: enable-admission-plugins, value: \"NodeRestriction,PodSecurity\"}\n");

        var flags = Flags(RoundTrip(ControlPlaneManifests.ApiServer(i)));

        Assert.False(flags.ContainsKey("authorization-mode"));
        Assert.Equal(["A=true", "B=false"], flags["feature-gates"]);
        Assert.Equal("NodeRestriction,PodSecurity", flags["enable-admission-plugins"].Single());
    }

    [Fact]
    public void ApiServer_ExternalEtcd_UsesEndpointsFilesAndMountsTheirDirectory()
    {
        var i = Inputs("v1.34.2", "etcd:\n  external:\n    endpoints: [\"https://10.0.0.5:2379\", \"https://10.0.0.6:2379\"]\n    caFile: /etc/etcd/pki/ca.crt\n    certFile: /etc/etcd/pki/client.crt\n    keyFile: /etc/etcd/pki/client.key\n");

        var pod = RoundTrip(ControlPlaneManifests.ApiServer(i));
        var flags = Flags(pod);

        Assert.Equal("https://10.0.0.5:2379,https://10.0.0.6:2379", flags["etcd-servers"].Single());
        Assert.Equal("/etc/etcd/pki/client.crt", flags["etcd-certfile"].Single());
        Assert.Contains(pod.Spec.Volumes, v => string.Equals(v.Name, "etcd-certs-0", StringComparison.Ordinal) && string.Equals(v.HostPath.Path, "/etc/etcd/pki", StringComparison.Ordinal));
    }

    [Fact]
    public void Manifests_DualStackIpv6Advertise_BracketUrlsAndUseIpv6Loopback()
    {
        var i = Inputs("v1.34.2", "networking:\n  serviceSubnet: fd00:10:96::/112,10.96.0.0/16\n  podSubnet: fd00:10:244::/56,10.244.0.0/16\n");
        i = i with { Init = i.Init with { LocalApiEndpoint = i.Init.LocalApiEndpoint with { AdvertiseAddress = "fd00::10" } } };

        var etcd = Flags(RoundTrip(EtcdManifest.Create(i)));
        var api = Flags(RoundTrip(ControlPlaneManifests.ApiServer(i)));

        Assert.Equal("https://[::1]:2379,https://[fd00::10]:2379", etcd["listen-client-urls"].Single());
        Assert.Equal("https://[::1]:2379", api["etcd-servers"].Single());
        Assert.Equal("fd00:10:96::/112,10.96.0.0/16", api["service-cluster-ip-range"].Single());
    }

    [Fact]
    public void Manifest_NumberLikeStrings_StayStringsForGo()
    {
        var i = Inputs("v1.34.2", "apiServer:\n  extraEnvs:\n  - {name: GOMAXPROCS, value: \"0x10\"}\n  - {name: UMASK, value: \"0o17\"}\n  - {name: DEBUG, value: \"yes\"}\n  extraArgs:\n  - {name: v, value: \"4\"}\n");
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "kube-apiserver.yaml");
        File.WriteAllText(file, ManifestYaml.Write(ControlPlaneManifests.ApiServer(i)));

        var go = Tool.Run("kubectl", "label", "--local", "-f", file, "k=v", "-o", "json");

        Assert.True(go.ExitCode == 0, go.Err);
        Assert.Contains("\"value\": \"0x10\"", go.Out, StringComparison.Ordinal);
        Assert.Contains("\"value\": \"0o17\"", go.Out, StringComparison.Ordinal);
        Assert.Contains("\"value\": \"yes\"", go.Out, StringComparison.Ordinal);
        Assert.Contains("\"--v=4\"", go.Out, StringComparison.Ordinal);
    }
}
