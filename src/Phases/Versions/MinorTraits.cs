namespace Kiln.Phases.Versions;

/// <summary>
/// One Kubernetes minor: its dates, the newest patch the table knows, and what kubeadm does differently in it.
/// The behaviour flags are rules over <see cref="Minor"/>, each citing the upstream change
/// (kubernetes/kubernetes PR numbers, listed in docs/versions.md), so adding a minor is one row in
/// <see cref="VersionTable.Minors"/>.
/// </summary>
public sealed record MinorTraits
{
    /// <summary>The minor, e.g. 37.</summary>
    public required int Minor { get; init; }

    /// <summary>The day v1.N.0 was (or is planned to be) released.</summary>
    public required DateOnly Released { get; init; }

    /// <summary>The day the minor leaves support: the 28th of the month, 14 months after its release month.</summary>
    public required DateOnly EndOfLife { get; init; }

    /// <summary>The newest patch release the table knows of.</summary>
    public required int LatestPatch { get; init; }

    /// <summary>The minor line, <c>v1.37</c>.</summary>
    public string Line => $"v1.{Minor}";

    /// <summary>The newest patch release the table knows, <c>v1.37.0</c>.</summary>
    public KubernetesVersion Latest => new(1, Minor, LatestPatch);

    /// <summary>Static pods name their probe port <c>probe-port</c> (#132776) and the scheduler probes /livez and /readyz.</summary>
    public bool NamedProbePort => Minor >= 34;

    /// <summary>The CRI socket goes to <c>/var/lib/kubelet/instance-config.yaml</c>, not kubeadm-flags.env (NodeLocalCRISocket, on from v1.34, GA v1.36).</summary>
    public bool NodeLocalCriSocket => Minor >= 34;

    /// <summary>kube-controller-manager gets the flex-volume hostPath mount (dropped in v1.36, #136423).</summary>
    public bool FlexVolumeMount => Minor <= 35;

    /// <summary>All component args are sorted by name; from v1.36 the user's extraArgs keep their order after the sorted defaults (#135400).</summary>
    public bool SortsUserExtraArgs => Minor <= 35;

    /// <summary>kubeadm-flags.env carries <c>--pod-infra-container-image</c> (the kubelet dropped the flag in v1.35, #133779, #133778).</summary>
    public bool PodInfraContainerImageFlag => Minor <= 34;

    /// <summary>The kubelet refuses cgroup v1 (<c>failCgroupV1: true</c>, #134298), and preflight says so (#134744).</summary>
    public bool RefusesCgroupV1 => Minor >= 35;

    /// <summary>Preflight asks the CRI's <c>RuntimeConfig</c> call for the cgroup driver (#134906; the kubelet takes it from the CRI since v1.34).</summary>
    public bool ChecksCriRuntimeConfig => Minor >= 35;

    /// <summary>What preflight does when the CRI lacks the <c>RuntimeConfig</c> call: a warning (#134906), an error from v1.38 (#135923).</summary>
    public bool CriRuntimeConfigRequired => Minor >= 38;

    /// <summary>kubeadm reads <c>kubeadm.k8s.io/v1beta3</c> (removed in v1.37, #136016).</summary>
    public bool ReadsV1Beta3 => Minor <= 36;

    /// <summary>init binds the API server's kubelet client to the ClusterRole <c>system:kubelet-api-admin</c> (#138957).</summary>
    public bool KubeletApiAdminBinding => Minor >= 37;

    /// <summary>kube-proxy's <c>mode</c> is written as <c>iptables</c> when unset (#139777), and <c>ipvs</c> draws a warning (#139067).</summary>
    public bool KubeProxyModeExplicit => Minor >= 37;

    /// <summary>etcd.external.httpEndpoints is accepted (#134890).</summary>
    public bool ExternalEtcdHttpEndpoints => Minor >= 35;

    /// <summary>The <c>kubeproxydaemonset</c> patch target exists (#138090).</summary>
    public bool KubeProxyPatchTarget => Minor >= 37;

    /// <summary>The oldest etcd minor kubeadm supports for this Kubernetes minor (3.6 from v1.36).</summary>
    public string MinimumEtcd => Minor >= 36 ? "3.6" : "3.5";

    /// <summary>Flags the minor's kube-controller-manager no longer has (#138002).</summary>
    public IReadOnlyList<string> RemovedControllerManagerFlags => Minor >= 37 ? ["concurrent-service-syncs"] : [];

    /// <summary>
    /// encryptionAlgorithm values accepted: ECDSA-P384 from v1.34 (#131677). kubeadm v1.38 adds ML-DSA-44/65/87 as alpha
    /// (#142037); Kiln refuses them (docs/differences.md): the OpenSSL of Debian 12 cannot make or check such keys.
    /// </summary>
    public IReadOnlyList<string> EncryptionAlgorithms => Minor >= 34
        ? ["RSA-2048", "RSA-3072", "RSA-4096", "ECDSA-P256", "ECDSA-P384"]
        : ["RSA-2048", "RSA-3072", "RSA-4096", "ECDSA-P256"];
}
