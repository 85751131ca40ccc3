namespace Kiln.Phases.Versions;

/// <summary>kubeadm's feature gates for v1.31–v1.34, as data.</summary>
public static class FeatureGates
{
    /// <summary>Every gate Kiln knows.</summary>
    public static IReadOnlyList<KubeadmFeatureGate> All { get; } =
    [
        new("ControlPlaneKubeletLocalMode", 31),
        new("EtcdLearnerMode", 29),
        new("NodeLocalCRISocket", 32),
        new("PublicKeysECDSA", 29, Deprecated: true, Hint: "use encryptionAlgorithm: ECDSA-P256"),
        new("RootlessControlPlane", 22),
        new("WaitForAllControlPlaneComponents", 30, GaMinor: 34),
    ];

    /// <summary>The gates a minor knows.</summary>
    public static IEnumerable<KubeadmFeatureGate> For(int minor) => All.Where(g => g.FirstMinor <= minor);
}
