using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kiln.Phases.Config.Yaml;

namespace Kiln.Phases.StaticPods;

/// <summary>
/// A pod as kubeadm writes it: serialized by the client's models to JSON, then to YAML the way Go's sigs.k8s.io/yaml
/// does (sorted keys; strings that look like numbers or booleans quoted), with <c>creationTimestamp: null</c> and a trailing newline.
/// </summary>
public static class ManifestYaml
{
    /// <summary>The YAML text, after an optional patch of the JSON form (kubeadm's patches directory).</summary>
    public static string Write(V1Pod pod, Func<JsonObject, JsonObject>? patch = null)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(pod))!.AsObject();
        json = patch?.Invoke(json) ?? json;
        json["metadata"]!.AsObject()["creationTimestamp"] = null;
        json["status"] ??= new JsonObject();
        return YamlWriter.Write(json);
    }
}
