using System.Text.Json.Nodes;
using k8s.Models;
using Kiln.Phases.Config.Model;

namespace Kiln.Phases.StaticPods;

/// <summary>The skeleton every kubeadm static pod shares (cmd/kubeadm/app/util/staticpod/utils.go).</summary>
internal static class PodBuilder
{
    internal const UnixFileMode ManifestMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    internal sealed record Probe(string Host, string Scheme, int Port, string Liveness, string? Readiness, string Startup);

    internal sealed record Mount(string Name, string HostPath, string MountPath, string Type, bool ReadOnly);

    /// <summary>kubeadm's getProbeAddress (cmd/kubeadm/app/util/staticpod/utils.go): an unspecified bind address gives no host, so the kubelet probes the pod IP.</summary>
    internal static string? ProbeHost(string host) => host is "0.0.0.0" or "::" ? null : host;

    internal static JsonObject Create(string name, IReadOnlyList<string> command, string image, string pullPolicy, Probe probe, bool namedPort,
        int startupFailures, Dictionary<string, string> requests, IEnumerable<Mount> mounts, IReadOnlyList<HostPathMount>? extraVolumes,
        IReadOnlyList<EnvVar>? env, IDictionary<string, string>? annotations)
    {
        JsonNode Port() => namedPort ? "probe-port" : probe.Port;
        JsonObject Http(string path, int? delay, int period, int failures) => Fields(
            ("httpGet", Fields(("host", ProbeHost(probe.Host)), ("path", path), ("port", Port()), ("scheme", probe.Scheme))),
            ("initialDelaySeconds", delay), ("timeoutSeconds", 15), ("periodSeconds", period), ("failureThreshold", failures));
        var all = mounts.Concat((extraVolumes ?? []).Select(v => new Mount(v.Name, v.HostPath, v.MountPath, v.PathType ?? "", v.ReadOnly)))
            .OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var container = Fields(
            ("name", name),
            ("command", Array(command.Select(a => (JsonNode)a))),
            ("image", image),
            ("imagePullPolicy", pullPolicy),
            ("livenessProbe", Http(probe.Liveness, 10, 10, 8)),
            ("readinessProbe", probe.Readiness is null ? null : Http(probe.Readiness, null, 1, 3)),
            ("startupProbe", Http(probe.Startup, 10, 10, startupFailures)),
            ("resources", new JsonObject { ["requests"] = Map(requests) }),
            ("volumeMounts", Array(all.Select(m => Fields(("name", m.Name), ("mountPath", m.MountPath), ("readOnly", m.ReadOnly ? true : null))))),
            ("env", env is { Count: > 0 } ? Array(env.Select(ToEnv)) : null),
            ("ports", namedPort ? Array([Fields(("containerPort", probe.Port), ("name", "probe-port"), ("protocol", "TCP"))]) : null));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = Fields(
                ("name", name),
                ("namespace", "kube-system"),
                ("labels", new JsonObject { ["component"] = name, ["tier"] = "control-plane" }),
                ("annotations", annotations is null ? null : Map(annotations))),
            ["spec"] = new JsonObject
            {
                ["containers"] = Array([container]),
                ["hostNetwork"] = true,
                ["priority"] = 2000001000,
                ["priorityClassName"] = "system-node-critical",
                ["securityContext"] = new JsonObject { ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" } },
                ["volumes"] = Array(all.Select(m => new JsonObject
                {
                    ["name"] = m.Name, ["hostPath"] = Fields(("path", m.HostPath), ("type", m.Type.Length == 0 ? null : m.Type)),
                })),
            },
            ["status"] = new JsonObject(),
        };
    }

    static JsonObject ToEnv(EnvVar e) => Fields(
        ("name", e.Name),
        ("value", e.Value),
        ("valueFrom", e.ValueFrom is not { } from ? null : Fields(
            ("fieldRef", from.FieldRef is { } f ? Fields(("apiVersion", f.ApiVersion), ("fieldPath", f.FieldPath)) : null),
            ("resourceFieldRef", from.ResourceFieldRef is { } r
                ? Fields(("containerName", r.ContainerName), ("resource", r.Resource), ("divisor", r.Divisor is null ? null : Quantity(r.Divisor)))
                : null),
            ("configMapKeyRef", from.ConfigMapKeyRef is { } c ? Fields(("name", c.Name), ("key", c.Key), ("optional", c.Optional)) : null),
            ("secretKeyRef", from.SecretKeyRef is { } s ? Fields(("name", s.Name), ("key", s.Key), ("optional", s.Optional)) : null))));

    /// <summary>An object of the fields that have a value: an API object leaves out what is unset.</summary>
    static JsonObject Fields(params (string Name, JsonNode? Value)[] fields)
    {
        var o = new JsonObject();
        foreach (var (n, v) in fields.Where(f => f.Value is not null))
        {
            o[n] = v;
        }

        return o;
    }

    static JsonArray Array(IEnumerable<JsonNode> items) => [.. items];

    static JsonObject Map(IEnumerable<KeyValuePair<string, string>> pairs) => Fields([.. pairs.Select(p => (p.Key, (JsonNode?)p.Value))]);

    /// <summary>A resource quantity in the API's canonical spelling ("0.1" is "100m"), as the API server stores it.</summary>
    static string Quantity(string value) => new ResourceQuantity(value).ToString();

    /// <summary>The CA trust directories of Debian-family hosts, mounted read-only (cmd/kubeadm/app/phases/controlplane/volumes.go).</summary>
    internal static IEnumerable<Mount> CaTrust(string pki) =>
    [
        new("ca-certs", "/etc/ssl/certs", "/etc/ssl/certs", "DirectoryOrCreate", true),
        new("etc-ca-certificates", "/etc/ca-certificates", "/etc/ca-certificates", "DirectoryOrCreate", true),
        new("k8s-certs", pki, pki, "DirectoryOrCreate", true),
        new("usr-local-share-ca-certificates", "/usr/local/share/ca-certificates", "/usr/local/share/ca-certificates", "DirectoryOrCreate", true),
        new("usr-share-ca-certificates", "/usr/share/ca-certificates", "/usr/share/ca-certificates", "DirectoryOrCreate", true),
    ];
}
