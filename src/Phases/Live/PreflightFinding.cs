namespace Kiln.Phases.Live;

/// <summary>A preflight finding.</summary>
/// <param name="Check">kubeadm's check name (<c>Port-6443</c>, <c>FileAvailable--etc-kubernetes-manifests-etcd.yaml</c>).</param>
/// <param name="Message">What is wrong.</param>
/// <param name="IsError">Error (blocks unless ignored) or warning.</param>
public sealed record PreflightFinding(string Check, string Message, bool IsError);
