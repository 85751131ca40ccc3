using System.Text;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.KubeConfig;

/// <summary>Reads an existing kubeconfig, to decide whether it can be reused.</summary>
public static class KubeConfigReader
{
    /// <summary>The document, or null with the reason when the bytes are not a readable kubeconfig.</summary>
    public static (KubeConfigDocument? Document, string? Problem) Read(string file, byte[] content)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(Encoding.UTF8.GetString(content)));
        }
        catch (YamlException e)
        {
            return (null, $"not valid YAML at line {e.Start.Line}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some broken text, such as a '[' never closed
            return (null, "not valid YAML");
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return (null, "not a kubeconfig (expected one YAML mapping)");
        }

        var errors = new List<ConfigError>();
        var document = new YamlBinder(new ConfigDocument(file, "v1", "Config", default), errors).Bind<KubeConfigDocument>(root);
        // fields Kiln does not model (exec plugins, extensions) are allowed: kubectl accepts them
        return errors.Any(e => !e.Message.StartsWith("unknown field", StringComparison.Ordinal))
            ? (null, errors.First().Message)
            : (document, null);
    }

    /// <summary>The cluster and user of the current context, or null when the context is dangling.</summary>
    public static (ClusterEntry Cluster, UserEntry User)? Current(KubeConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var context = document.Contexts.FirstOrDefault(c => string.Equals(c.Name, document.CurrentContext, StringComparison.Ordinal))?.Context;
        var cluster = document.Clusters.FirstOrDefault(c => string.Equals(c.Name, context?.Cluster, StringComparison.Ordinal))?.Cluster;
        var user = document.Users.FirstOrDefault(u => string.Equals(u.Name, context?.User, StringComparison.Ordinal))?.User;
        return cluster is null || user is null ? null : (cluster, user);
    }
}
