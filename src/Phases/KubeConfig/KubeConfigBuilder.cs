using Kiln.Phases.Config.Yaml;

namespace Kiln.Phases.KubeConfig;

/// <summary>Builds and writes kubeconfigs the way kubeadm does: one cluster, one user, one context named <c>user@cluster</c>.</summary>
public static class KubeConfigBuilder
{
    /// <summary>A kubeconfig with embedded CA and credentials; an empty <paramref name="caPem"/> leaves the CA data out, as client-go omits empty bytes.</summary>
    public static KubeConfigDocument Create(string clusterName, string server, byte[] caPem, string userName, UserEntry credentials)
    {
        ArgumentNullException.ThrowIfNull(caPem);
        var context = $"{userName}@{clusterName}";
        return new KubeConfigDocument
        {
            Clusters = [new NamedCluster { Name = clusterName, Cluster = new ClusterEntry { CertificateAuthorityData = caPem.Length == 0 ? null : Convert.ToBase64String(caPem), Server = server } }],
            Contexts = [new NamedContext { Name = context, Context = new ContextEntry { Cluster = clusterName, User = userName } }],
            CurrentContext = context,
            Users = [new NamedUser { Name = userName, User = credentials }],
        };
    }

    /// <summary>Client credentials embedded as base64 PEM.</summary>
    public static UserEntry EmbeddedClient(byte[] certPem, byte[] keyPem) => new()
    {
        ClientCertificateData = Convert.ToBase64String(certPem),
        ClientKeyData = Convert.ToBase64String(keyPem),
    };

    /// <summary>The YAML text (keys sorted, as client-go writes them).</summary>
    public static string Write(KubeConfigDocument document) => YamlWriter.Write(document, "v1", "Config");
}
