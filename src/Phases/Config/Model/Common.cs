using Kiln.Phases.Config.Yaml;

namespace Kiln.Phases.Config.Model;

#pragma warning disable MA0048 // the records of the YAML shapes the kubeadm kinds share, together as in kubeadm's types.go

/// <summary>A command-line argument for a component, as v1beta4 lists them: names may repeat.</summary>
public sealed record Arg
{
    /// <summary>Flag name without dashes.</summary>
    [YamlField("name", KeepEmpty = true)] public string Name { get; init; } = "";

    /// <summary>Flag value.</summary>
    [YamlField("value", KeepEmpty = true)] public string Value { get; init; } = "";
}

/// <summary>A hostPath volume added to a static pod.</summary>
public sealed record HostPathMount
{
    /// <summary>Volume name.</summary>
    [YamlField("name", KeepEmpty = true)] public string Name { get; init; } = "";

    /// <summary>Path on the host.</summary>
    [YamlField("hostPath", KeepEmpty = true)] public string HostPath { get; init; } = "";

    /// <summary>Path in the container.</summary>
    [YamlField("mountPath", KeepEmpty = true)] public string MountPath { get; init; } = "";

    /// <summary>Mounted read-only.</summary>
    [YamlField("readOnly")] public bool ReadOnly { get; init; }

    /// <summary>Kubernetes hostPath type (<c>DirectoryOrCreate</c>, <c>File</c>, ...).</summary>
    [YamlField("pathType")] public string? PathType { get; init; }
}

/// <summary>A container environment variable (core/v1 EnvVar).</summary>
public sealed record EnvVar
{
    /// <summary>Variable name.</summary>
    [YamlField("name", KeepEmpty = true)] public string Name { get; init; } = "";

    /// <summary>Literal value.</summary>
    [YamlField("value")] public string? Value { get; init; }

    /// <summary>Value taken from the pod or a resource.</summary>
    [YamlField("valueFrom")] public EnvVarSource? ValueFrom { get; init; }
}

/// <summary>Where an environment variable's value comes from (core/v1 EnvVarSource).</summary>
public sealed record EnvVarSource
{
    /// <summary>A pod field.</summary>
    [YamlField("fieldRef")] public ObjectFieldSelector? FieldRef { get; init; }

    /// <summary>A container resource.</summary>
    [YamlField("resourceFieldRef")] public ResourceFieldSelector? ResourceFieldRef { get; init; }

    /// <summary>A ConfigMap key.</summary>
    [YamlField("configMapKeyRef")] public KeySelector? ConfigMapKeyRef { get; init; }

    /// <summary>A Secret key.</summary>
    [YamlField("secretKeyRef")] public KeySelector? SecretKeyRef { get; init; }
}

/// <summary>Selects a pod field.</summary>
public sealed record ObjectFieldSelector
{
    /// <summary>API version of the field path.</summary>
    [YamlField("apiVersion")] public string? ApiVersion { get; init; }

    /// <summary>Path of the field.</summary>
    [YamlField("fieldPath", KeepEmpty = true)] public string FieldPath { get; init; } = "";
}

/// <summary>Selects a container resource.</summary>
public sealed record ResourceFieldSelector
{
    /// <summary>Container name.</summary>
    [YamlField("containerName")] public string? ContainerName { get; init; }

    /// <summary>Resource name.</summary>
    [YamlField("resource", KeepEmpty = true)] public string Resource { get; init; } = "";

    /// <summary>Output divisor.</summary>
    [YamlField("divisor")] public string? Divisor { get; init; }
}

/// <summary>Selects a key of a ConfigMap or Secret.</summary>
public sealed record KeySelector
{
    /// <summary>Object name.</summary>
    [YamlField("name")] public string? Name { get; init; }

    /// <summary>Key.</summary>
    [YamlField("key", KeepEmpty = true)] public string Key { get; init; } = "";

    /// <summary>Whether the object may be missing.</summary>
    [YamlField("optional")] public bool? Optional { get; init; }
}

/// <summary>A node taint (core/v1 Taint).</summary>
public sealed record Taint
{
    /// <summary>Taint key.</summary>
    [YamlField("key", KeepEmpty = true)] public string Key { get; init; } = "";

    /// <summary>Taint value.</summary>
    [YamlField("value")] public string? Value { get; init; }

    /// <summary><c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>.</summary>
    [YamlField("effect", KeepEmpty = true)] public string Effect { get; init; } = "";

    /// <summary>When a NoExecute taint was added.</summary>
    [YamlField("timeAdded")] public string? TimeAdded { get; init; }
}

/// <summary>Where the API server of this node listens.</summary>
public sealed record ApiEndpoint
{
    /// <summary>IP address the API server advertises.</summary>
    [YamlField("advertiseAddress")] public string? AdvertiseAddress { get; init; }

    /// <summary>Secure port.</summary>
    [YamlField("bindPort")] public int BindPort { get; init; }
}

/// <summary>Directory of kubeadm-style patches for the static pods and kubelet config.</summary>
public sealed record Patches
{
    /// <summary>The patches directory.</summary>
    [YamlField("directory")] public string? Directory { get; init; }
}

/// <summary>The v1beta4 timeouts, each optional (defaults in <see cref="ConfigDefaults"/>).</summary>
public sealed record Timeouts
{
    /// <summary>How long to wait for the control-plane components to become healthy.</summary>
    [YamlField("controlPlaneComponentHealthCheck")] public GoDuration? ControlPlaneComponentHealthCheck { get; init; }

    /// <summary>How long to wait for the kubelet to become healthy.</summary>
    [YamlField("kubeletHealthCheck")] public GoDuration? KubeletHealthCheck { get; init; }

    /// <summary>Timeout of one API call.</summary>
    [YamlField("kubernetesAPICall")] public GoDuration? KubernetesAPICall { get; init; }

    /// <summary>Timeout of one etcd call.</summary>
    [YamlField("etcdAPICall")] public GoDuration? EtcdAPICall { get; init; }

    /// <summary>How long to wait for the kubelet TLS bootstrap.</summary>
    [YamlField("tlsBootstrap")] public GoDuration? TlsBootstrap { get; init; }

    /// <summary>How long join discovery may take.</summary>
    [YamlField("discovery")] public GoDuration? Discovery { get; init; }

    /// <summary>How long to wait for static pods to restart during upgrade.</summary>
    [YamlField("upgradeManifests")] public GoDuration? UpgradeManifests { get; init; }
}

/// <summary>How this node registers with the cluster.</summary>
public sealed record NodeRegistrationOptions
{
    /// <summary>Node name.</summary>
    [YamlField("name")] public string? Name { get; init; }

    /// <summary>CRI socket URL (<c>unix:///...</c>).</summary>
    [YamlField("criSocket")] public string? CriSocket { get; init; }

    /// <summary>Taints to register with; null means kubeadm's default, an empty list means none.</summary>
    [YamlField("taints", KeepEmpty = true)] public IReadOnlyList<Taint>? Taints { get; init; }

    /// <summary>Extra kubelet flags.</summary>
    [YamlField("kubeletExtraArgs")] public IReadOnlyList<Arg>? KubeletExtraArgs { get; init; }

    /// <summary>Preflight checks whose errors become warnings.</summary>
    [YamlField("ignorePreflightErrors")] public IReadOnlyList<string>? IgnorePreflightErrors { get; init; }

    /// <summary><c>Always</c>, <c>IfNotPresent</c> or <c>Never</c>.</summary>
    [YamlField("imagePullPolicy")] public string? ImagePullPolicy { get; init; }

    /// <summary>Pull images one at a time.</summary>
    [YamlField("imagePullSerial")] public bool? ImagePullSerial { get; init; }
}

/// <summary>A bootstrap token and what it may do.</summary>
public sealed record BootstrapToken
{
    /// <summary><c>[a-z0-9]{6}.[a-z0-9]{16}</c>; a secret.</summary>
    [YamlField("token")] public string? Token { get; init; }

    /// <summary>Free text.</summary>
    [YamlField("description")] public string? Description { get; init; }

    /// <summary>Time to live.</summary>
    [YamlField("ttl")] public GoDuration? Ttl { get; init; }

    /// <summary>Absolute expiry (RFC 3339); exclusive with <see cref="Ttl"/>.</summary>
    [YamlField("expires")] public string? Expires { get; init; }

    /// <summary><c>signing</c> and/or <c>authentication</c>.</summary>
    [YamlField("usages")] public IReadOnlyList<string>? Usages { get; init; }

    /// <summary>Extra groups to authenticate as.</summary>
    [YamlField("groups")] public IReadOnlyList<string>? Groups { get; init; }
}
