namespace Kiln.Phases.Versions;

/// <summary>kubeadm's feature gates for the minors Kiln knows, as data (cmd/kubeadm/app/features/features.go per release).</summary>
public static class FeatureGates
{
    /// <summary>Every gate Kiln knows, including the ones removed within the table's range.</summary>
    public static IReadOnlyList<KubeadmFeatureGate> All { get; } =
    [
        new("ControlPlaneKubeletLocalMode", 31, GaMinor: 35, RemovedMinor: 36),
        new("EtcdLearnerMode", 29, GaMinor: 32, RemovedMinor: 33),
        new("NodeLocalCRISocket", 32, GaMinor: 36, RemovedMinor: 37),
        new("PublicKeysECDSA", 29, Deprecated: true, Hint: "use encryptionAlgorithm: ECDSA-P256", RemovedMinor: 37),
        new("RootlessControlPlane", 22),
        new("WaitForAllControlPlaneComponents", 30, GaMinor: 34, RemovedMinor: 35),
    ];

    /// <summary>The gates a minor knows.</summary>
    public static IEnumerable<KubeadmFeatureGate> For(int minor) =>
        All.Where(g => g.FirstMinor <= minor && (g.RemovedMinor is not { } removed || minor < removed));
}
