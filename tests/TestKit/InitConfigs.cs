using Kiln.Phases.Config;

namespace Kiln.TestKit;

/// <summary>Defaulted init configs for phase tests, from YAML so they go through the real loader.</summary>
public static class InitConfigs
{
    /// <summary>The image tests' node (and the CLI's image tests): node-1 at 10.0.0.10, ECDSA keys, the default Kubernetes version.</summary>
    public const string ImageNode = """
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: InitConfiguration
        nodeRegistration:
          name: node-1
        localAPIEndpoint:
          advertiseAddress: 10.0.0.10
        ---
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        encryptionAlgorithm: ECDSA-P256
        """;

    /// <summary>A small, fast image recipe for <see cref="ImageNode"/>: a 64 MiB disk in the given formats (<c>raw, qcow2</c>), and <paramref name="extra"/> lines.</summary>
    public static string ImageRecipe(string formats, string name = "t", string extra = "") => $"""
        apiVersion: kiln.dev/v1alpha1
        kind: ImageRecipe
        name: {name}
        role: control-plane
        kubeadm:
          inline: |
            {ImageNode.ReplaceLineEndings("\n    ")}
        disk:
          size: 64MiB
        formats: [{formats}]
        {extra}
        """;

    public static KubeadmConfig Load(string clusterYaml = "", string initYaml = "", string algorithm = "ECDSA-P256")
    {
        var result = ConfigLoader.Load("test.yaml", Text(clusterYaml, initYaml, algorithm), TestHost.Facts);
        return result.HasErrors ? throw new InvalidOperationException(result.Render()) : result.Config!;
    }

    /// <summary>The YAML <see cref="Load"/> reads: node1 at 10.0.0.10, v1.37.0, with the given extra fields.</summary>
    public static string Text(string clusterYaml = "", string initYaml = "", string algorithm = "ECDSA-P256") => $"""
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
            kubernetesVersion: v1.37.0
            encryptionAlgorithm: {algorithm}
            {clusterYaml}
            """;
}
