using Kiln.Phases.Config;

namespace Kiln.TestKit;

/// <summary>Defaulted init configs for phase tests, from YAML so they go through the real loader.</summary>
public static class InitConfigs
{
    public static KubeadmConfig Load(string clusterYaml = "", string initYaml = "", string algorithm = "ECDSA-P256")
    {
        var text = $"""
            apiVersion: kubeadm.k8s.io/v1beta4
            kind: InitConfiguration
            localAPIEndpoint:
              advertiseAddress: 10.0.0.10
            nodeRegistration:
              name: node1
            {initYaml}
            ---
            apiVersion: kubeadm.k8s.io/v1beta4
            kind: ClusterConfiguration
            kubernetesVersion: v1.34.2
            encryptionAlgorithm: {algorithm}
            {clusterYaml}
            """;
        var result = ConfigLoader.Load("test.yaml", text, TestHost.Facts);
        return result.HasErrors ? throw new InvalidOperationException(result.Render()) : result.Config!;
    }
}
