using Kiln.Phases.Config.Yaml;

namespace Kiln.Phases.KubeConfig;

#pragma warning disable MA0048 // a kubeconfig file and the records of its YAML shape, together as in client-go's types.go

/// <summary>A kubeconfig file (client-go's <c>Config</c>, <c>apiVersion: v1</c>), with the keys kubectl writes.</summary>
public sealed record KubeConfigDocument
{
    /// <summary>Clusters.</summary>
    [YamlField("clusters", KeepEmpty = true)] public IReadOnlyList<NamedCluster> Clusters { get; init; } = [];

    /// <summary>Contexts.</summary>
    [YamlField("contexts", KeepEmpty = true)] public IReadOnlyList<NamedContext> Contexts { get; init; } = [];

    /// <summary>The context in use.</summary>
    [YamlField("current-context", KeepEmpty = true)] public string CurrentContext { get; init; } = "";

    /// <summary>Always empty, as kubeadm writes it.</summary>
    [YamlField("preferences", KeepEmpty = true)] public Preferences Preferences { get; init; } = new();

    /// <summary>Users.</summary>
    [YamlField("users", KeepEmpty = true)] public IReadOnlyList<NamedUser> Users { get; init; } = [];
}

/// <summary>kubectl preferences; kubeadm writes an empty mapping.</summary>
public sealed record Preferences;

/// <summary>A cluster entry.</summary>
public sealed record NamedCluster
{
    /// <summary>Cluster name.</summary>
    [YamlField("name", KeepEmpty = true)] public string Name { get; init; } = "";

    /// <summary>Cluster details.</summary>
    [YamlField("cluster", KeepEmpty = true)] public ClusterEntry Cluster { get; init; } = new();
}

/// <summary>Where the API server is and which CA to trust.</summary>
public sealed record ClusterEntry
{
    /// <summary>Base64 of the CA bundle PEM.</summary>
    [YamlField("certificate-authority-data")] public string? CertificateAuthorityData { get; init; }

    /// <summary>Path of the CA bundle.</summary>
    [YamlField("certificate-authority")] public string? CertificateAuthority { get; init; }

    /// <summary>API server URL.</summary>
    [YamlField("server", KeepEmpty = true)] public string Server { get; init; } = "";
}

/// <summary>A context entry.</summary>
public sealed record NamedContext
{
    /// <summary>Context name, <c>user@cluster</c>.</summary>
    [YamlField("name", KeepEmpty = true)] public string Name { get; init; } = "";

    /// <summary>Context details.</summary>
    [YamlField("context", KeepEmpty = true)] public ContextEntry Context { get; init; } = new();
}

/// <summary>Which user talks to which cluster.</summary>
public sealed record ContextEntry
{
    /// <summary>Cluster name.</summary>
    [YamlField("cluster", KeepEmpty = true)] public string Cluster { get; init; } = "";

    /// <summary>User name.</summary>
    [YamlField("user", KeepEmpty = true)] public string User { get; init; } = "";

    /// <summary>Default namespace.</summary>
    [YamlField("namespace")] public string? Namespace { get; init; }
}

/// <summary>A user entry.</summary>
public sealed record NamedUser
{
    /// <summary>User name.</summary>
    [YamlField("name", KeepEmpty = true)] public string Name { get; init; } = "";

    /// <summary>Credentials.</summary>
    [YamlField("user", KeepEmpty = true)] public UserEntry User { get; init; } = new();
}

/// <summary>Client credentials: embedded data, file paths, or a token.</summary>
public sealed record UserEntry
{
    /// <summary>Base64 of the client certificate PEM.</summary>
    [YamlField("client-certificate-data")] public string? ClientCertificateData { get; init; }

    /// <summary>Path of the client certificate.</summary>
    [YamlField("client-certificate")] public string? ClientCertificate { get; init; }

    /// <summary>Base64 of the client key PEM; a secret.</summary>
    [YamlField("client-key-data")] public string? ClientKeyData { get; init; }

    /// <summary>Path of the client key.</summary>
    [YamlField("client-key")] public string? ClientKey { get; init; }

    /// <summary>Bearer token; a secret.</summary>
    [YamlField("token")] public string? Token { get; init; }

    /// <summary>Path of a bearer token file.</summary>
    [YamlField("tokenFile")] public string? TokenFile { get; init; }
}
