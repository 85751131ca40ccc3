using k8s.Models;
using Kiln.Phases.Config.Model;

namespace Kiln.Phases.StaticPods;

/// <summary>The skeleton every kubeadm static pod shares (reference §3.1, §3.7–3.9).</summary>
internal static class PodBuilder
{
    internal const UnixFileMode ManifestMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    internal sealed record Probe(string Host, string Scheme, int Port, string Liveness, string? Readiness, string Startup);

    internal sealed record Mount(string Name, string HostPath, string MountPath, string Type, bool ReadOnly);

    internal static V1Pod Create(string name, List<string> command, string image, string pullPolicy, Probe probe, bool namedPort,
        int startupFailures, Dictionary<string, string> requests, IEnumerable<Mount> mounts, IReadOnlyList<HostPathMount>? extraVolumes,
        IReadOnlyList<EnvVar>? env, IDictionary<string, string>? annotations)
    {
        IntOrString port = namedPort ? "probe-port" : probe.Port;
        V1Probe Http(string path, int? delay, int period, int failures) => new()
        {
            HttpGet = new V1HTTPGetAction { Host = probe.Host, Path = path, Port = port, Scheme = probe.Scheme },
            InitialDelaySeconds = delay, TimeoutSeconds = 15, PeriodSeconds = period, FailureThreshold = failures,
        };
        var all = mounts.Concat((extraVolumes ?? []).Select(v => new Mount(v.Name, v.HostPath, v.MountPath, v.PathType ?? "", v.ReadOnly)))
            .OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var container = new V1Container
        {
            Name = name,
            Command = command,
            Image = image,
            ImagePullPolicy = pullPolicy,
            LivenessProbe = Http(probe.Liveness, 10, 10, 8),
            ReadinessProbe = probe.Readiness is null ? null : Http(probe.Readiness, null, 1, 3),
            StartupProbe = Http(probe.Startup, 10, 10, startupFailures),
            Resources = new V1ResourceRequirements { Requests = requests.ToDictionary(r => r.Key, r => new ResourceQuantity(r.Value)) },
            VolumeMounts = [.. all.Select(m => new V1VolumeMount { Name = m.Name, MountPath = m.MountPath, ReadOnlyProperty = m.ReadOnly ? true : null })],
            Env = env is { Count: > 0 } ? [.. env.Select(ToEnv)] : null,
            Ports = namedPort ? [new V1ContainerPort { ContainerPort = probe.Port, Name = "probe-port", Protocol = "TCP" }] : null,
        };
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = "kube-system",
                Labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["component"] = name, ["tier"] = "control-plane" },
                Annotations = annotations,
            },
            Spec = new V1PodSpec
            {
                Containers = [container],
                HostNetwork = true,
                Priority = 2000001000,
                PriorityClassName = "system-node-critical",
                SecurityContext = new V1PodSecurityContext { SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } },
                Volumes = [.. all.Select(m => new V1Volume { Name = m.Name, HostPath = new V1HostPathVolumeSource { Path = m.HostPath, Type = m.Type.Length == 0 ? null : m.Type } })],
            },
            Status = new V1PodStatus(),
        };
    }

    static V1EnvVar ToEnv(EnvVar e) => new()
    {
        Name = e.Name,
        Value = e.Value,
        ValueFrom = e.ValueFrom is not { } from ? null : new V1EnvVarSource
        {
            FieldRef = from.FieldRef is { } f ? new V1ObjectFieldSelector { ApiVersion = f.ApiVersion, FieldPath = f.FieldPath } : null,
            ResourceFieldRef = from.ResourceFieldRef is { } r ? new V1ResourceFieldSelector { ContainerName = r.ContainerName, Resource = r.Resource, Divisor = r.Divisor is null ? null : new ResourceQuantity(r.Divisor) } : null,
            ConfigMapKeyRef = from.ConfigMapKeyRef is { } c ? new V1ConfigMapKeySelector { Name = c.Name, Key = c.Key, Optional = c.Optional } : null,
            SecretKeyRef = from.SecretKeyRef is { } s ? new V1SecretKeySelector { Name = s.Name, Key = s.Key, Optional = s.Optional } : null,
        },
    };

    /// <summary>The CA trust directories of Debian-family hosts, mounted read-only (reference §3.9).</summary>
    internal static IEnumerable<Mount> CaTrust(string pki) =>
    [
        new("ca-certs", "/etc/ssl/certs", "/etc/ssl/certs", "DirectoryOrCreate", true),
        new("etc-ca-certificates", "/etc/ca-certificates", "/etc/ca-certificates", "DirectoryOrCreate", true),
        new("k8s-certs", pki, pki, "DirectoryOrCreate", true),
        new("usr-local-share-ca-certificates", "/usr/local/share/ca-certificates", "/usr/local/share/ca-certificates", "DirectoryOrCreate", true),
        new("usr-share-ca-certificates", "/usr/share/ca-certificates", "/usr/share/ca-certificates", "DirectoryOrCreate", true),
    ];
}
