namespace Kiln.Phases.Versions;

/// <summary>A kubeadm feature gate and the minors where it exists or is locked (reference §11).</summary>
/// <param name="Name">Gate name.</param>
/// <param name="FirstMinor">First minor that knows it.</param>
/// <param name="GaMinor">Minor from which it is GA and locked on; null while not GA in the supported range.</param>
/// <param name="Deprecated">Setting it draws a warning.</param>
/// <param name="Hint">What to use instead, for deprecated gates.</param>
public sealed record KubeadmFeatureGate(string Name, int FirstMinor, int? GaMinor = null, bool Deprecated = false, string? Hint = null);

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
