using System.Text;
using Kiln.Phases.Config.Model;
using Kiln.Phases.KubeConfig;

namespace Kiln.Phases.Tests.KubeConfig;

public class KubeConfigBuilderTests
{
    static readonly byte[] s_ca = Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n");

    [Fact]
    public void Write_AdminKubeconfig_HasKubeadmShape()
    {
        var doc = KubeConfigBuilder.Create("kubernetes", "https://10.0.0.10:6443", s_ca, "kubernetes-admin",
            KubeConfigBuilder.EmbeddedClient(Encoding.ASCII.GetBytes("CERT"), Encoding.ASCII.GetBytes("KEY")));

        var yaml = KubeConfigBuilder.Write(doc);

        Assert.Equal(
            $$"""
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: {{Convert.ToBase64String(s_ca)}}
                server: https://10.0.0.10:6443
              name: kubernetes
            contexts:
            - context:
                cluster: kubernetes
                user: kubernetes-admin
              name: kubernetes-admin@kubernetes
            current-context: kubernetes-admin@kubernetes
            kind: Config
            preferences: {}
            users:
            - name: kubernetes-admin
              user:
                client-certificate-data: Q0VSVA==
                client-key-data: S0VZ

            """, yaml);
    }

    [Fact]
    public void Read_WrittenKubeconfig_GivesBackCurrentClusterAndUser()
    {
        var doc = KubeConfigBuilder.Create("prod", "https://[fd00::1]:6443", s_ca, "system:node:n1",
            KubeConfigBuilder.EmbeddedClient([1, 2], [3, 4]));

        var (read, problem) = KubeConfigReader.Read("k.conf", Encoding.UTF8.GetBytes(KubeConfigBuilder.Write(doc)));

        Assert.Null(problem);
        var current = KubeConfigReader.Current(read!);
        Assert.Equal("https://[fd00::1]:6443", current!.Value.Cluster.Server);
        Assert.Equal(Convert.ToBase64String(s_ca), current.Value.Cluster.CertificateAuthorityData);
    }

    [Fact]
    public void Read_Garbage_SaysWhy() =>
        Assert.Equal("not a kubeconfig (expected one YAML mapping)", KubeConfigReader.Read("x", Encoding.UTF8.GetBytes("- a\n- b\n")).Problem);

    [Fact]
    public void Read_UnclosedFlowList_SaysWhy_NotACrash() =>
        Assert.Equal("not valid YAML", KubeConfigReader.Read("x", Encoding.UTF8.GetBytes("clusters: [1, 2\nusers: 3\n")).Problem);

    [Theory]
    [InlineData(null, "10.0.0.10", 6443, "https://10.0.0.10:6443")]
    [InlineData("lb.example.com", "10.0.0.10", 6443, "https://lb.example.com:6443")]
    [InlineData("lb.example.com:8443", "10.0.0.10", 6443, "https://lb.example.com:8443")]
    [InlineData("[fd00::5]:7443", "fd00::10", 6443, "https://[fd00::5]:7443")]
    [InlineData(null, "fd00::10", 9443, "https://[fd00::10]:9443")]
    public void ControlPlane_Endpoint_FollowsKubeadm(string? cpe, string adv, int port, string expected)
    {
        var init = new InitConfiguration { LocalApiEndpoint = new ApiEndpoint { AdvertiseAddress = adv, BindPort = port } };

        Assert.Equal(expected, ApiEndpoints.ControlPlane(init, new ClusterConfiguration { ControlPlaneEndpoint = cpe }));
    }
}
