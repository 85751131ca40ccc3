using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Config;

public class ConfigDefaultsTests
{
    const string Minimal = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n";

    [Fact]
    public void Load_MinimalInit_AppliesKubeadmDefaults()
    {
        var config = ConfigLoader.Load("m.yaml", Minimal, new HostFacts("My-Host")).Config!;

        Assert.Equal("my-host", config.Init!.NodeRegistration.Name);
        Assert.Equal(ConfigDefaults.CriSocket, config.Init.NodeRegistration.CriSocket);
        Assert.Equal(6443, config.Init.LocalApiEndpoint.BindPort);
        Assert.Equal("24h0m0s", config.Init.BootstrapTokens![0].Ttl.ToString());
        Assert.Null(config.Init.BootstrapTokens[0].Token);
        Assert.Equal("v1.37.0", config.Cluster!.KubernetesVersion);
        Assert.Equal("/var/lib/etcd", config.Cluster.Etcd.Local!.DataDir);
        Assert.Equal("10.96.0.0/12", config.Cluster.Networking.ServiceSubnet);
        Assert.Equal("RSA-2048", config.Cluster.EncryptionAlgorithm);
    }

    [Fact]
    public void Load_ExternalEtcd_GetsNoLocalDefault()
    {
        var text = Minimal + "etcd:\n  external:\n    endpoints: [\"https://10.0.0.5:2379\"]\n";

        var result = ConfigLoader.Load("e.yaml", text, TestHost.Facts);

        Assert.False(result.HasErrors, result.Render());
        Assert.Null(result.Config!.Cluster!.Etcd.Local);
    }

    [Fact]
    public void Load_ValidDualStackConfig_HasNoFindings()
    {
        var text = Minimal + """
            kubernetesVersion: v1.37.0
            controlPlaneEndpoint: "[fd00::10]:6443"
            encryptionAlgorithm: ECDSA-P384
            networking:
              podSubnet: 10.244.0.0/16,fd00:10:244::/56
              serviceSubnet: 10.96.0.0/16,fd00:10:96::/112
            apiServer:
              certSANs: ["*.example.com", "fd00::10", "api.example.com"]
            """;

        var result = ConfigLoader.Load("d.yaml", text, TestHost.Facts);

        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Load_LeafLongerThanCa_Warns()
    {
        var text = Minimal + "certificateValidityPeriod: 100000h\n";

        var result = ConfigLoader.Load("w.yaml", text, TestHost.Facts);

        Assert.False(result.HasErrors);
        var warning = Assert.Single(result.Findings);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(6, warning.At.Line);
    }

    const string Kubelet = "---\napiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";

    [Theory]
    [InlineData("clusterDNS: [10.96.0.53]\n", "", "[10.96.0.10]", "[10.96.0.53]")]
    [InlineData("clusterDNS: [10.96.0.10, 10.96.0.11]\n", "", "[10.96.0.10]", "[10.96.0.10 10.96.0.11]")]
    [InlineData("clusterDNS: [10.96.0.10]\n", "networking:\n  serviceSubnet: 10.100.0.0/16\n", "[10.100.0.10]", "[10.96.0.10]")]
    [InlineData("clusterDNS: []\n", "", "[10.96.0.10]", "[]")]
    public void Load_ClusterDnsOtherThanTheTenthServiceAddress_WarnsInKubeadmsWords(string kubelet, string cluster, string recommended, string provided)
    {
        var text = Minimal + cluster + Kubelet + kubelet;

        var result = ConfigLoader.Load("dns.yaml", text, TestHost.Facts);

        Assert.False(result.HasErrors, result.Render());
        var warning = Assert.Single(result.Findings);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(("dns.yaml", text.Split('\n').Length - 1), (warning.At.File, warning.At.Line));
        Assert.Equal($"The recommended value for \"clusterDNS\" in \"KubeletConfiguration\" is: {recommended}; the provided value is: {provided}", warning.Message);
    }

    [Theory]
    [InlineData("clusterDNS: [10.96.0.10]\n", "")]
    [InlineData("clusterDNS: [\"fd00:10:96::a\"]\n", "networking:\n  serviceSubnet: fd00:10:96::/112,10.96.0.0/16\n")]
    [InlineData("clusterDomain: cluster.local\n", "")]
    public void Load_ClusterDnsUnsetOrTheTenthServiceAddress_DoesNotWarn(string kubelet, string cluster)
    {
        var result = ConfigLoader.Load("dns.yaml", Minimal + cluster + Kubelet + kubelet, TestHost.Facts);

        Assert.Empty(result.Findings);
    }

    [Fact]
    public void ForInit_FillsTheMissingHalf_AndRefusesAJoinOnlyFile()
    {
        var host = new HostFacts("node-a", "10.0.0.7");
        var initOnly = new KubeadmConfig { Init = new InitConfiguration() };
        var clusterOnly = new KubeadmConfig { Cluster = new ClusterConfiguration { ClusterName = "c1" } };

        Assert.Equal("v1.37.0", ConfigDefaults.ForInit(initOnly, host)!.Cluster!.KubernetesVersion);
        var filled = ConfigDefaults.ForInit(clusterOnly, host)!;
        Assert.Equal(("node-a", "10.0.0.7", "c1"), (filled.Init!.NodeRegistration.Name, filled.Init.LocalApiEndpoint.AdvertiseAddress, filled.Cluster!.ClusterName));
        Assert.Null(ConfigDefaults.ForInit(new KubeadmConfig { Join = new JoinConfiguration() }, host));
    }
}
