namespace Kiln.ImageBuilder.Build;

/// <summary>One certificate of an image state.</summary>
/// <param name="Name">Its file in the state: <c>pki/apiserver.crt</c>, or <c>kubeconfig/admin.conf</c> for a kubeconfig's client certificate.</param>
/// <param name="Authority">A CA.</param>
/// <param name="NotAfter">When it expires.</param>
public sealed record StateCertificate(string Name, bool Authority, DateTimeOffset NotAfter);
