using System.Security.Cryptography;

namespace Kiln.Phases.Certs;

/// <summary>The key that encrypts uploaded certificates (<c>--certificate-key</c>, cmd/kubeadm/app/cmd/certs.go).</summary>
public static class CertificateKey
{
    /// <summary>32 random bytes from a CSPRNG as 64 lowercase hex characters.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
