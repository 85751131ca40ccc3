using k8s;
using k8s.Models;
using Kiln.Phases.Config;
using Kiln.Phases.Images;
using Kiln.Phases.Kubelet;
using Kiln.Phases.StaticPods;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Versions;

/// <summary>
/// What each supported minor's kubeadm writes for one realistic config: the four manifests, the kubelet's three files and
/// the image list, as goldens under tests/snapshots/minors/ (reviewed against docs/versions.md before acceptance).
/// </summary>
public class MinorGoldenTests
{
    // a load-balanced endpoint, a pod subnet, user extraArgs out of name order (kept in order from v1.36), a CRI-O node
    const string Config = """
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: InitConfiguration
        localAPIEndpoint:
          advertiseAddress: 10.0.0.10
        nodeRegistration:
          name: cp-1
          criSocket: unix:///var/run/crio/crio.sock
          kubeletExtraArgs:
          - {name: node-labels, value: "rack=r1"}
          - {name: max-pods, value: "150"}
        ---
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        kubernetesVersion: {0}
        controlPlaneEndpoint: lb.example.com:6443
        encryptionAlgorithm: ECDSA-P256
        networking:
          podSubnet: 10.244.0.0/16
        apiServer:
          certSANs: [lb.example.com]
          extraArgs:
          - {name: audit-log-path, value: /var/log/kubernetes/audit.log}
          - {name: audit-log-maxage, value: "30"}
        controllerManager:
          extraArgs:
          - {name: bind-address, value: 0.0.0.0}
        """;

    public static TheoryData<string> Versions() => ["v1.33.6", "v1.34.10", "v1.35.7", "v1.36.3", "v1.37.0", "v1.38.0"];

    static KubeadmConfig Load(string version)
    {
        var host = TestHost.Facts with { Hostname = "cp-1", SystemdResolved = true };
        var result = ConfigLoader.Load("minor.yaml", Config.Replace("{0}", version, StringComparison.Ordinal), host);
        Assert.False(result.HasErrors, result.Render());
        return result.Config!;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Minor_RealisticConfig_MatchesGoldens(string version)
    {
        var config = Load(version);
        var i = ManifestInputs.For(config);
        var minor = version[..version.LastIndexOf('.')];
        var pods = new Dictionary<string, System.Text.Json.Nodes.JsonObject>(StringComparer.Ordinal)
        {
            ["etcd"] = EtcdManifest.Create(i), ["kube-apiserver"] = ControlPlaneManifests.ApiServer(i),
            ["kube-controller-manager"] = ControlPlaneManifests.ControllerManager(i), ["kube-scheduler"] = ControlPlaneManifests.Scheduler(i),
        };
        foreach (var (name, pod) in pods)
        {
            var yaml = ManifestYaml.Write(pod);
            _ = KubernetesYaml.Deserialize<V1Pod>(yaml, strict: true);
            Snapshot.Match(yaml, $"minors/{minor}/{name}", "yaml");
        }

        var host = TestHost.Facts with { Hostname = "cp-1", SystemdResolved = true };
        Snapshot.Match(KubeletFiles.Config(config, host: host), $"minors/{minor}/config", "yaml");
        Snapshot.Match(KubeletFiles.FlagsEnv(config, host), $"minors/{minor}/kubeadm-flags", "env");
        var instance = KubeletFiles.InstanceConfig(config);
        Assert.Equal(!string.Equals(minor, "v1.33", StringComparison.Ordinal), instance is not null);
        if (instance is not null)
        {
            Snapshot.Match(instance, $"minors/{minor}/instance-config", "yaml");
        }

        Snapshot.Match(string.Concat(ControlPlaneImages.For(config.Cluster!).Select(x => x.Reference + "\n")), $"minors/{minor}/images", "txt");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Minor_CriOSocket_IsNeverDropped(string version)
    {
        var config = Load(version);
        var node = KubeletFiles.Config(config) + KubeletFiles.FlagsEnv(config) + KubeletFiles.InstanceConfig(config);

        Assert.Contains("unix:///var/run/crio/crio.sock", node, StringComparison.Ordinal);
        // the cluster-wide kubelet-config keeps node-specific values out
        var shared = KubeletFiles.Config(config, includeNodeSpecific: false, host: TestHost.Facts with { SystemdResolved = true });
        Assert.DoesNotContain("crio", shared, StringComparison.Ordinal);
        Assert.DoesNotContain("resolvConf", shared, StringComparison.Ordinal);
    }

    [Fact]
    public void JoiningNode_ClusterKubeletConfig_GetsItsOwnCriSocketAndResolvConf()
    {
        var config = Load("v1.37.0");
        var shared = KubeletFiles.Config(config, includeNodeSpecific: false);

        var node = KubeletFiles.ForNode(shared, config, TestHost.Facts with { SystemdResolved = true });

        Assert.Contains("containerRuntimeEndpoint: unix:///var/run/crio/crio.sock\n", node, StringComparison.Ordinal);
        Assert.Contains("resolvConf: /run/systemd/resolve/resolv.conf\n", node, StringComparison.Ordinal);
        Assert.DoesNotContain("resolvConf", KubeletFiles.ForNode(shared, config, TestHost.Facts), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1.35.7", false)]
    [InlineData("v1.36.3", true)]
    public void ApiServer_UserExtraArgs_KeepTheirOrderFromV136(string version, bool userOrder)
    {
        var command = ControlPlaneManifests.ApiServer(ManifestInputs.For(Load(version)))["spec"]!["containers"]![0]!["command"]!.AsArray()
            .Select(n => n!.GetValue<string>()).ToList();
        var path = command.FindIndex(a => a.StartsWith("--audit-log-path=", StringComparison.Ordinal));
        var age = command.FindIndex(a => a.StartsWith("--audit-log-maxage=", StringComparison.Ordinal));

        Assert.Equal(userOrder, path < age);
        Assert.Equal(userOrder, path > command.FindIndex(a => a.StartsWith("--tls-private-key-file=", StringComparison.Ordinal)));
    }

    [Fact]
    public void ControllerManager_UnspecifiedBindAddress_ProbesWithoutHost()
    {
        var pod = KubernetesYaml.Deserialize<V1Pod>(ManifestYaml.Write(ControlPlaneManifests.ControllerManager(ManifestInputs.For(Load("v1.37.0")))), strict: true);

        Assert.Null(pod.Spec.Containers[0].LivenessProbe.HttpGet.Host);
        Assert.Null(pod.Spec.Containers[0].StartupProbe.HttpGet.Host);
    }

    [Fact]
    public void ApiServer_Ipv6Advertise_AnnotationIsHostPort()
    {
        var text = InitConfigs.Text("networking:\n  serviceSubnet: fd00:10:96::/112\n").Replace("advertiseAddress: 10.0.0.10", "advertiseAddress: fd00::10", StringComparison.Ordinal);
        var result = ConfigLoader.Load("v6.yaml", text, TestHost.Facts);
        Assert.False(result.HasErrors, result.Render());
        var config = result.Config!;
        var pod = ControlPlaneManifests.ApiServer(ManifestInputs.For(config));
        var endpoint = pod["metadata"]!["annotations"]!["kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint"]!.GetValue<string>();

        Assert.Equal("[fd00::10]:6443", endpoint);
        Assert.True(Kiln.Phases.Net.NetParse.TrySplitHostPort(endpoint, out var host, out var port));
        Assert.Equal(("fd00::10", "6443"), (host, port));
    }
}
