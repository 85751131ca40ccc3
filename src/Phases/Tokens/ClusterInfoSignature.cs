using System.Security.Cryptography;
using System.Text;

namespace Kiln.Phases.Tokens;

/// <summary>
/// The detached JWS (HS256) kubeadm's bootstrap signer puts in cluster-info as <c>jws-kubeconfig-&lt;token-id&gt;</c>
/// (cmd/kubeadm/app/phases/bootstraptoken/clusterinfo/clusterinfo.go and cmd/kubeadm/app/discovery/token/token.go): header <c>{"alg":"HS256","kid":"&lt;id&gt;"}</c>, payload = the kubeconfig, key = the token secret.
/// </summary>
public static class ClusterInfoSignature
{
    /// <summary>The detached compact JWS: <c>header..signature</c>.</summary>
    public static string Sign(string kubeconfig, BootstrapTokenString token)
    {
        ArgumentNullException.ThrowIfNull(kubeconfig);
        ArgumentNullException.ThrowIfNull(token);
        var header = Base64Url(Encoding.UTF8.GetBytes($"{{\"alg\":\"HS256\",\"kid\":\"{token.Id}\"}}"));
        var input = $"{header}.{Base64Url(Encoding.UTF8.GetBytes(kubeconfig))}";
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(token.Secret), Encoding.ASCII.GetBytes(input));
        return $"{header}..{Base64Url(mac)}";
    }

    /// <summary>Whether a detached JWS signs the kubeconfig with this token (HS256 and the token's id only).</summary>
    public static bool Verify(string kubeconfig, string detachedJws, BootstrapTokenString token)
    {
        ArgumentNullException.ThrowIfNull(detachedJws);
        var parts = detachedJws.Split('.');
        if (parts.Length != 3 || parts[1].Length != 0)
        {
            return false;
        }

        // compare the whole recomputed JWS in constant time: header (alg and kid) and signature at once
        var expected = Encoding.ASCII.GetBytes(Sign(kubeconfig, token));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(detachedJws));
    }

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
