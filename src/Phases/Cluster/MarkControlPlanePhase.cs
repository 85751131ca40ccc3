using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;
using k8s;
using k8s.Models;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Cluster;

/// <summary>
/// <c>mark-control-plane</c> (cmd/kubeadm/app/phases/markcontrolplane/markcontrolplane.go): the control-plane labels and taints on this node's Node object, by a
/// JSON patch computed from a fresh read and guarded by its resourceVersion (a strategic merge patch of taints
/// would replace the list). Existing taints stay; only missing ones are added.
/// </summary>
public static class MarkControlPlanePhase
{
    /// <summary>The control-plane role label.</summary>
    public const string RoleLabel = "node-role.kubernetes.io/control-plane";

    /// <summary>The label that keeps the node out of external load balancers.</summary>
    public const string ExcludeLabel = "node.kubernetes.io/exclude-from-external-load-balancers";

    /// <summary>The phase.</summary>
    public static PhaseDefinition Definition { get; } = LivePhase.Define("mark-control-plane",
        "Mark a node as a control-plane", Capabilities.ClusterApi, RunAsync);

    /// <summary>The taints a control-plane node gets: the configured ones; kubeadm's default when unset; none for [].</summary>
    public static IReadOnlyList<Taint> Taints(NodeRegistrationOptions registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return registration.Taints ?? [new Taint { Key = RoleLabel, Effect = "NoSchedule" }];
    }

    /// <summary>The JSON patch that adds what is missing to a node; null when nothing is.</summary>
    public static string? Patch(V1Node node, IReadOnlyList<Taint> wanted)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(wanted);
        var ops = new JsonArray(new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = node.Metadata.ResourceVersion });
        var labels = node.Metadata.Labels ?? new Dictionary<string, string>(StringComparer.Ordinal);
        if (node.Metadata.Labels is null)
        {
            ops.Add((JsonNode)new JsonObject { ["op"] = "add", ["path"] = "/metadata/labels", ["value"] = new JsonObject() });
        }

        foreach (var label in (string[])[RoleLabel, ExcludeLabel])
        {
            if (!labels.ContainsKey(label))
            {
                ops.Add((JsonNode)new JsonObject { ["op"] = "add", ["path"] = "/metadata/labels/" + label.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), ["value"] = "" });
            }
        }

        var existing = node.Spec?.Taints ?? [];
        var missing = wanted.Where(w => !existing.Any(e => string.Equals(e.Key, w.Key, StringComparison.Ordinal) && string.Equals(e.Effect, w.Effect, StringComparison.Ordinal) && string.Equals(e.Value ?? "", w.Value ?? "", StringComparison.Ordinal))).ToList();
        if (missing.Count > 0)
        {
            var list = new JsonArray();
            foreach (var t in existing.Select(e => (e.Key, Value: (string?)e.Value, e.Effect)).Concat(missing.Select(m => (m.Key, m.Value, m.Effect))))
            {
                JsonNode o = new JsonObject { ["key"] = t.Key, ["effect"] = t.Effect };
                if (t.Value is { Length: > 0 } v)
                {
                    o["value"] = v;
                }

                list.Add(o);
            }

            ops.Add((JsonNode)new JsonObject { ["op"] = "add", ["path"] = node.Spec is null ? "/spec" : "/spec/taints", ["value"] = node.Spec is null ? new JsonObject { ["taints"] = list } : list });
        }

        return ops.Count == 1 ? null : ops.ToJsonString();
    }

    static async Task RunAsync(PhaseContext c, CancellationToken ct)
    {
        var name = c.Config.Init?.NodeRegistration.Name ?? throw new PhaseException("no node name", "set nodeRegistration.name");
        var api = await LivePhase.ApiAsync(c, ct);
        var wanted = Taints(c.Config.Init.NodeRegistration);
        var timeout = c.Config.Init.Timeouts?.KubeletHealthCheck?.Value ?? TimeSpan.FromMinutes(4);
        var deadline = c.Clock.GetUtcNow() + timeout;
        var interval = c.Live?.PollInterval ?? TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            V1Node node;
            try
            {
                node = await api.Client.CoreV1.ReadNodeAsync(name, cancellationToken: ct);
            }
            catch (HttpOperationException e) when (ApiWriter.Is(e, HttpStatusCode.NotFound))
            {
                if (c.Clock.GetUtcNow() >= deadline)
                {
                    throw new PhaseException($"node {name} did not register within {timeout}", "the kubelet registers the node: check `journalctl -xeu kubelet`", e);
                }

                await Task.Delay(interval, c.Clock, ct);
                continue;
            }

            if (Patch(node, wanted) is not { } patch)
            {
                c.Note($"node {name} already carries the control-plane labels and taints");
                return;
            }

            try
            {
                await api.Client.CoreV1.PatchNodeAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), name, fieldManager: ApiWriter.FieldManager, cancellationToken: ct);
                c.Note($"labelled node {name} {RoleLabel}, {ExcludeLabel}; taints: {(wanted.Count == 0 ? "none" : string.Join(", ", wanted.Select(t => $"{t.Key}:{t.Effect}")))}");
                return;
            }
            catch (HttpOperationException e) when ((ApiWriter.Is(e, HttpStatusCode.Conflict) || ApiWriter.Is(e, HttpStatusCode.UnprocessableEntity)) && attempt < 5)
            {
                // the node changed between the read and the patch (the test op failed): read again
            }
            catch (HttpOperationException e)
            {
                throw new PhaseException($"cannot patch node {name}: {ApiWriter.Describe(e)}", null, e);
            }
        }
    }
}
