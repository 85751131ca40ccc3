namespace Kiln.Phases.Versions;

/// <summary>A kubeadm feature gate and the minors where it exists or is locked (reference §11).</summary>
/// <param name="Name">Gate name.</param>
/// <param name="FirstMinor">First minor that knows it.</param>
/// <param name="GaMinor">Minor from which it is GA and locked on; null while not GA in the supported range.</param>
/// <param name="Deprecated">Setting it draws a warning.</param>
/// <param name="Hint">What to use instead, for deprecated gates.</param>
public sealed record KubeadmFeatureGate(string Name, int FirstMinor, int? GaMinor = null, bool Deprecated = false, string? Hint = null);
