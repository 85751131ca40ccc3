using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Config.Yaml;

/// <summary>Edits of YAML trees for component configs: kubeadm's defaults under the user's values.</summary>
public static class YamlTree
{
    /// <summary>The root mapping of a one-document YAML text.</summary>
    public static YamlMappingNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>Sets a value at a key path, creating the mappings on the way.</summary>
    public static void Set(YamlMappingNode map, string[] path, YamlNode value)
    {
        for (var k = 0; k < path.Length - 1; k++)
        {
            var key = new YamlScalarNode(path[k]);
            if (!map.Children.TryGetValue(key, out var child) || child is not YamlMappingNode next)
            {
                next = new YamlMappingNode();
                map.Children[key] = next;
            }

            map = next;
        }

        map.Children[new YamlScalarNode(path[^1])] = value;
    }

    /// <summary>Overlays the user's values: they win, mappings merge key by key, lists and scalars replace; apiVersion and kind stay.</summary>
    public static void Overlay(YamlMappingNode target, YamlMappingNode user)
    {
        foreach (var (key, value) in user.Children)
        {
            if (key is YamlScalarNode { Value: "apiVersion" or "kind" })
            {
                continue;
            }

            if (value is YamlMappingNode m && target.Children.TryGetValue(key, out var existing) && existing is YamlMappingNode e)
            {
                Overlay(e, m);
            }
            else
            {
                target.Children[key] = value;
            }
        }
    }
}
