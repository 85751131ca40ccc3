using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Kiln.Phases.Tokens;

/// <summary>A bootstrap token <c>[a-z0-9]{6}.[a-z0-9]{16}</c>: a public id and a secret (cmd/kubeadm/app/phases/bootstraptoken/node/token.go).</summary>
public sealed partial record BootstrapTokenString
{
    const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    BootstrapTokenString(string id, string secret)
    {
        Id = id;
        Secret = secret;
    }

    /// <summary>The public part, also the Secret's name suffix (<c>bootstrap-token-&lt;id&gt;</c>).</summary>
    public string Id { get; }

    /// <summary>The secret part.</summary>
    public string Secret { get; }

    /// <summary>A new token from a CSPRNG.</summary>
    public static BootstrapTokenString Generate() =>
        new(RandomNumberGenerator.GetString(Alphabet, 6), RandomNumberGenerator.GetString(Alphabet, 16));

    /// <summary>Parses a token; null when the text is not one.</summary>
    public static BootstrapTokenString? TryParse(string? text)
    {
        var m = Pattern().Match(text ?? "");
        return m.Success ? new BootstrapTokenString(m.Groups["id"].Value, m.Groups["secret"].Value) : null;
    }

    /// <summary>The token text; a secret, never for logs.</summary>
    public string Reveal() => $"{Id}.{Secret}";

    /// <summary>Only the id: records print without the secret.</summary>
    public override string ToString() => $"{Id}.<redacted>";

    [GeneratedRegex("^(?<id>[a-z0-9]{6})\\.(?<secret>[a-z0-9]{16})$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
