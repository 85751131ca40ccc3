using System.Text;
using System.Text.RegularExpressions;

namespace Kiln.ImageBuilder.Tree;

/// <summary>
/// Whether a node file holds a secret, by what is in it: a PEM private key, a kubeconfig's client key or token, or a
/// kubeadm config's bootstrap token or certificate key. The manifest marks these files, and a build refuses one that is
/// readable by anyone but its owner.
/// </summary>
public static partial class SecretContent
{
    /// <summary>Files larger than this are not read for secrets: keys, kubeconfigs and configs are a few KiB.</summary>
    public const long MaxSize = 1024 * 1024;

    public static bool Holds(ReadOnlySpan<byte> content)
    {
        var text = Encoding.UTF8.GetString(content);
        return text.Contains("PRIVATE KEY-----", StringComparison.Ordinal) || Credential().IsMatch(text);
    }

    // kubeconfig users (client-key-data, token), InitConfiguration.bootstrapTokens[].token and certificateKey,
    // JoinConfiguration.discovery.bootstrapToken.token and tlsBootstrapToken
    [GeneratedRegex(@"^[ \t-]*(client-key-data|token|tlsBootstrapToken|certificateKey):[ \t]*[""']?[^\s""']", RegexOptions.Multiline | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Credential();
}
