using System.Text;
using k8s;
using k8s.Models;
using Kiln.Phases.Certs;
using Kiln.Phases.Targets;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.StaticPods;

public class NodeTreeTests
{
    [Fact]
    public async Task Init_DefaultConfig_NodeTreeMatchesGolden()
    {
        var root = new MemoryRoot();

        var (result, _) = await PhaseRuns.RunAsync(Workflows.Init, InitConfigs.Load(), root);

        Assert.True(result.Succeeded, result.Error?.Message);
        var sb = new StringBuilder();
        foreach (var (path, entry) in root.Entries)
        {
            sb.Append(Convert.ToString((int)entry.Mode, 8)).Append(' ').Append(path).Append(entry.Content is null ? "/" : "");
            if (path.EndsWith(".crt", StringComparison.Ordinal))
            {
                sb.Append("  ").Append(CertSummary.Describe(Pem.DecodeCertificate(entry.Content!, path)));
            }

            sb.Append('\n');
        }

        // the files' contents per minor: tests/snapshots/minors (Versions/MinorGoldenTests)
        Snapshot.Match(sb.ToString(), "phases/init-node-tree");
    }

    [Fact]
    public async Task Init_EveryYamlFile_IsReadByGoAndStrictClientModels()
    {
        using var dir = new TempDir();
        var (result, _) = await PhaseRuns.RunAsync(Workflows.Init, InitConfigs.Load(), new HostRoot(dir.Path));
        Assert.True(result.Succeeded, result.Error?.Message);

        var files = Directory.GetFiles(dir.Path, "*.yaml", SearchOption.AllDirectories).Concat(Directory.GetFiles(dir.Path, "*.conf", SearchOption.AllDirectories)).ToList();

        Assert.Equal(11, files.Count);
        foreach (var file in files)
        {
            // kubeconfigs go through client-go's loader; everything else through Go's YAML decoder
            var go = file.EndsWith(".conf", StringComparison.Ordinal)
                ? Tool.Run("kubectl", "config", "view", "--kubeconfig", file, "-o", "json")
                : Tool.Run("kubectl", "label", "--local", "-f", file, "k=v", "-o", "json");
            Assert.True(go.ExitCode == 0, $"{file}: {go.Err}");
        }

        foreach (var manifest in Directory.GetFiles(Path.Combine(dir.Path, "etc/kubernetes/manifests")))
        {
            var pod = KubernetesYaml.Deserialize<V1Pod>(await File.ReadAllTextAsync(manifest), strict: true);
            Assert.Equal("kube-system", pod.Metadata.NamespaceProperty);
            Assert.EndsWith("status: {}\n", await File.ReadAllTextAsync(manifest), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Init_KubeletConfig_HasKubeadmValuesAndKeepsUserOnes()
    {
        var config = InitConfigs.Load("networking:\n  serviceSubnet: 10.100.0.0/16\n  dnsDomain: corp.local\n") with { };
        var withUser = Kiln.Phases.Config.ConfigLoader.Load("k.yaml",
            "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nlocalAPIEndpoint: {advertiseAddress: 10.0.0.10}\nnodeRegistration: {name: node1}\n---\n" +
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmaxPods: 150\nrotateCertificates: false\ncgroupDriver: cgroupfs\n", TestHost.Facts).Config!;

        var text = Kiln.Phases.Kubelet.KubeletFiles.Config(config);
        var user = Kiln.Phases.Kubelet.KubeletFiles.Config(withUser);

        Assert.Contains("clusterDNS:\n- 10.100.0.10\n", text, StringComparison.Ordinal);
        Assert.Contains("clusterDomain: corp.local\n", text, StringComparison.Ordinal);
        Assert.Contains("staticPodPath: /etc/kubernetes/manifests\n", text, StringComparison.Ordinal);
        Assert.Contains("maxPods: 150\n", user, StringComparison.Ordinal);
        Assert.Contains("cgroupDriver: cgroupfs\n", user, StringComparison.Ordinal);
        Assert.Contains("rotateCertificates: true\n", user, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1.33.4", "KUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10\"\n")]
    [InlineData("v1.34.2", "KUBELET_KUBEADM_ARGS=\"--pod-infra-container-image=registry.k8s.io/pause:3.10.1\"\n")]
    [InlineData("v1.35.0", "KUBELET_KUBEADM_ARGS=\"\"\n")]
    [InlineData("v1.37.0", "KUBELET_KUBEADM_ARGS=\"\"\n")]
    public void FlagsEnv_PerMinor_MatchesKubeadm(string version, string expected)
    {
        var config = InitConfigs.Load();
        config = config with { Cluster = config.Cluster! with { KubernetesVersion = version } };

        Assert.Equal(expected, Kiln.Phases.Kubelet.KubeletFiles.FlagsEnv(config));
        Assert.Equal(!version.StartsWith("v1.33", StringComparison.Ordinal), Kiln.Phases.Kubelet.KubeletFiles.InstanceConfig(config) is not null);
    }

    [Fact]
    public void FlagsEnv_ForAJoin_RegistersTheConfiguredTaints()
    {
        var config = InitConfigs.Load(initYaml: "  taints:\n  - {key: gpu, value: \"yes\", effect: NoSchedule}\n  - {key: edge, effect: NoExecute}\n");
        var join = Kiln.Phases.Kubelet.KubeletFiles.FlagsEnv(config, registerTaints: true);
        Assert.Contains("--register-with-taints=gpu=yes:NoSchedule,edge:NoExecute", join, StringComparison.Ordinal);
        Assert.DoesNotContain("register-with-taints", Kiln.Phases.Kubelet.KubeletFiles.FlagsEnv(config), StringComparison.Ordinal);
    }
}
