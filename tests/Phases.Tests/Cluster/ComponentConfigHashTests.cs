using System.Text;
using k8s.Models;
using Kiln.Phases.Cluster;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Cluster;

/// <summary>kubeadm's ConfigMap checksum (cmd/kubeadm/app/componentconfigs/checksums.go), checked against sha256sum.</summary>
public class ComponentConfigHashTests
{
    static string Sha256Sum(TempDir dir, byte[] bytes)
    {
        File.WriteAllBytes(dir["input"], bytes);
        var r = Tool.Run("sha256sum", dir["input"]);
        Assert.Equal(0, r.ExitCode);
        return "sha256:" + r.Out.Split(' ')[0];
    }

    [Fact]
    public void Of_HashesTheValuesInKeyOrderThenTheBinaryValues_NotTheKeys()
    {
        using var dir = new TempDir();
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["kubeconfig.conf"] = "second: é\n", ["config.conf"] = "first: 1\n" };
        var binary = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["z"] = [0xff, 0x00], ["a"] = [0x01] };

        var hash = ComponentConfigHash.Of(data, binary);

        Assert.Equal(Sha256Sum(dir, [.. Encoding.UTF8.GetBytes("first: 1\nsecond: é\n"), 0x01, 0xff, 0x00]), hash);
        Assert.Equal(Sha256Sum(dir, Encoding.UTF8.GetBytes("first: 1\nsecond: é\n")), ComponentConfigHash.Of(data));
        Assert.Equal(Sha256Sum(dir, []), ComponentConfigHash.Of(null));
    }

    [Fact]
    public void Sign_AddsTheAnnotationAndKeepsOthers()
    {
        var configMap = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "kubelet-config", Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { ["other"] = "kept" } },
            Data = new Dictionary<string, string>(StringComparer.Ordinal) { ["kubelet"] = "kind: KubeletConfiguration\n" },
        };

        ComponentConfigHash.Sign(configMap);

        Assert.Equal("kept", configMap.Metadata.Annotations["other"]);
        Assert.Equal(ComponentConfigHash.Of(configMap.Data), configMap.Metadata.Annotations["kubeadm.kubernetes.io/component-config.hash"]);
        Assert.Matches("^sha256:[0-9a-f]{64}$", configMap.Metadata.Annotations["kubeadm.kubernetes.io/component-config.hash"]);
    }
}
