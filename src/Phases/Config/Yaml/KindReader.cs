using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Config.Yaml;

/// <summary>
/// Reads a document of one of Kiln's own kinds (image recipes) with the strict, located binding that kubeadm
/// configs get, so every kind of input reports errors the same way: file:line:column, field, value, allowed.
/// </summary>
public static class KindReader
{
    /// <summary>Parses one YAML document, checks its apiVersion and kind, applies overrides, and binds it onto <typeparamref name="T"/>.</summary>
    /// <param name="file">The name shown in findings.</param>
    /// <param name="text">The document's text.</param>
    /// <param name="apiVersion">The one apiVersion accepted.</param>
    /// <param name="kind">The one kind accepted.</param>
    /// <param name="overrides">Dotted field paths and values (<c>--set disk.size=512MiB</c>) set before binding, as if written in the file.</param>
    /// <param name="findings">Where problems are added.</param>
    /// <returns>The bound value and its document (for locating later findings), or nulls when the document could not be identified.</returns>
    public static (T? Value, ConfigDocument? Document) Read<T>(string file, string text, string apiVersion, string kind,
        IReadOnlyList<KeyValuePair<string, string>> overrides, ICollection<ConfigError> findings)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(findings);
        if (YamlSource.Load(file, text, findings) is not { } documents)
        {
            return (null, null);
        }

        if (documents.Count != 1 || documents[0].RootNode is not YamlMappingNode root)
        {
            // at the document that is not the one mapping expected: the second one, or the first when it is not a mapping
            var at = documents.Count switch
            {
                0 => SourceLocation.StartOf(file),
                1 => SourceMark.Of(file, documents[0].RootNode),
                _ => SourceMark.Of(file, documents[1].RootNode),
            };
            findings.Add(new ConfigError(at, "", $"expected one YAML mapping with apiVersion: {apiVersion} and kind: {kind}"));
            return (null, null);
        }

        if (!Check(file, root, "apiVersion", apiVersion, findings) | !Check(file, root, "kind", kind, findings))
        {
            return (null, null);
        }

        var kindNode = root.Children[new YamlScalarNode("kind")];
        var document = new ConfigDocument(file, apiVersion, kind, SourceMark.Of(file, kindNode));
        foreach (var (path, value) in overrides)
        {
            YamlTree.Set(root, path.Split('.'), new YamlScalarNode(value));
        }

        return (new YamlBinder(document, findings).Bind<T>(root), document);
    }

    static bool Check(string file, YamlMappingNode root, string key, string want, ICollection<ConfigError> findings)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            findings.Add(new ConfigError(SourceMark.Of(file, root), key, $"the document has no '{key}'", want, $"start the file with '{key}: {want}'"));
            return false;
        }

        if (node is YamlScalarNode { Value: { } v } && string.Equals(v, want, StringComparison.Ordinal))
        {
            return true;
        }

        var found = (node as YamlScalarNode)?.Value ?? YamlScalars.Describe(node);
        findings.Add(new ConfigError(SourceMark.Of(file, node), key, $"unsupported {key} '{found}'", want,
            Suggest.Closest(found, [want]) is { } s ? $"did you mean '{s}'?" : null));
        return false;
    }
}
