using Kiln.Phases.KubeConfig;

namespace Kiln.Phases.Certs;

/// <summary>A certificate <c>certs check-expiration</c> and <c>certs renew</c> handle: a leaf file or a kubeconfig's client cert.</summary>
/// <param name="Name">kubeadm's name (<c>apiserver</c>, <c>admin.conf</c>).</param>
/// <param name="Path">Node path of the certificate or kubeconfig.</param>
/// <param name="Ca">The CA that signs it.</param>
/// <param name="Spec">The leaf's spec, for leaves.</param>
/// <param name="KubeConfig">The kubeconfig's spec, for kubeconfigs.</param>
public sealed record CertEntry(string Name, string Path, CertSpec Ca, CertSpec? Spec, KubeConfigSpec? KubeConfig);
