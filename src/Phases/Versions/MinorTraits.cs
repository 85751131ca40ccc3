namespace Kiln.Phases.Versions;

/// <summary>What changes between minors and matters to later phases.</summary>
public sealed record MinorTraits
{
    /// <summary>The minor, e.g. 34.</summary>
    public required int Minor { get; init; }

    /// <summary>etcd 3.6 flag names in the etcd manifest (3.5 otherwise).</summary>
    public bool Etcd36 { get; init; }

    /// <summary>Static pods name their probe port (<c>probe-port</c>).</summary>
    public bool NamedProbePort { get; init; }

    /// <summary>The CRI socket goes to <c>/var/lib/kubelet/instance-config.yaml</c> instead of kubeadm-flags.env (NodeLocalCRISocket on).</summary>
    public bool NodeLocalCriSocket { get; init; }

    /// <summary>wait-control-plane checks every component, not only the API server (WaitForAllControlPlaneComponents on).</summary>
    public bool WaitForAllControlPlaneComponents { get; init; }

    /// <summary>The kubelet of a joining control-plane node talks to its local API server (ControlPlaneKubeletLocalMode on).</summary>
    public bool ControlPlaneKubeletLocalMode { get; init; }

    /// <summary>CoreDNS's <c>cache</c> directive is a block that disables caching of the cluster domain (reference §5.9).</summary>
    public bool CoreDnsCacheBlock { get; init; }

    /// <summary>encryptionAlgorithm values accepted.</summary>
    public IReadOnlyList<string> EncryptionAlgorithms { get; init; } = ["RSA-2048", "RSA-3072", "RSA-4096", "ECDSA-P256"];
}
