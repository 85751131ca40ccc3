namespace Kiln.Phases.Versions;

/// <summary>A kubeadm feature gate and the minors where it exists, is locked on, or is gone.</summary>
/// <param name="Name">Gate name.</param>
/// <param name="FirstMinor">First minor that knows it.</param>
/// <param name="GaMinor">Minor from which it is GA and locked on; null while not GA.</param>
/// <param name="Deprecated">Setting it draws a warning.</param>
/// <param name="Hint">What to use instead, for deprecated gates.</param>
/// <param name="RemovedMinor">First minor that no longer knows it (kubeadm: "unrecognized feature-gate key"); its behaviour stays where it went GA.</param>
public sealed record KubeadmFeatureGate(string Name, int FirstMinor, int? GaMinor = null, bool Deprecated = false, string? Hint = null, int? RemovedMinor = null);
