using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kiln.Phases.Cluster;

/// <summary>TLS to a cluster whose CA is not in the system store: trust exactly that CA, and keep the name check.</summary>
public static class ClusterCa
{
    /// <summary>The certificates of a PEM bundle.</summary>
    public static X509Certificate2Collection Load(byte[] pem)
    {
        var cas = new X509Certificate2Collection();
        cas.ImportFromPem(Encoding.ASCII.GetString(pem));
        return cas;
    }

    /// <summary>An HTTP handler that accepts a server only when its certificate chains to <paramref name="trust"/> and names the host.</summary>
#pragma warning disable MA0039 // pins the cluster CA as kubeadm does: the system store does not hold it, and the name check stays
    public static HttpClientHandler Handler(X509Certificate2Collection trust) => new()
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trust);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate);
        },
    };
#pragma warning restore MA0039

    /// <summary>An HTTP handler that accepts any server: for reads whose result is checked another way (a signature, a pin), or self-signed health endpoints.</summary>
#pragma warning disable MA0039 // callers check the result another way (a signature, a pin) or only probe health
    public static HttpClientHandler TrustAnything() => new() { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
#pragma warning restore MA0039
}
