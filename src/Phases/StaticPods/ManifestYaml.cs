using System.Text.Json.Nodes;
using Kiln.Phases.Config.Yaml;

namespace Kiln.Phases.StaticPods;

/// <summary>
/// A pod as kubeadm writes it: its JSON form written as YAML the way Go's sigs.k8s.io/yaml
/// does (sorted keys; strings that look like numbers or booleans quoted), with <c>creationTimestamp: null</c> and a trailing newline.
/// </summary>
public static class ManifestYaml
{
    /// <summary>The YAML text, after an optional patch of the JSON form (kubeadm's patches directory).</summary>
    public static string Write(JsonObject pod, Func<JsonObject, JsonObject>? patch = null)
    {
        var json = pod.DeepClone().AsObject();
        json = patch?.Invoke(json) ?? json;
        json["metadata"]!.AsObject()["creationTimestamp"] = null;
        json["status"] ??= new JsonObject();
        return YamlWriter.Write(json);
    }
}
