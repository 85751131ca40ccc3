using System.Globalization;
using System.Text;
using k8s.Models;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;

namespace Kiln.Phases.Tokens;

/// <summary>A bootstrap token as the cluster stores it: Secret <c>kube-system/bootstrap-token-&lt;id&gt;</c> (cmd/kubeadm/app/phases/bootstraptoken/node/token.go).</summary>
/// <param name="Token">The token.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="Expires">When it expires; null for never.</param>
/// <param name="Usages">signing and/or authentication, in kubeadm's order.</param>
/// <param name="Groups">Extra groups.</param>
public sealed record BootstrapTokenSecret(BootstrapTokenString Token, string? Description, DateTimeOffset? Expires,
    IReadOnlyList<string> Usages, IReadOnlyList<string> Groups)
{
    static readonly string[] s_usages = ["signing", "authentication"];

    /// <summary>The Secret type.</summary>
    public const string SecretType = "bootstrap.kubernetes.io/token";

    /// <summary>The Secret name prefix.</summary>
    public const string NamePrefix = "bootstrap-token-";

    /// <summary>The record of a defaulted config token; the token must have a value.</summary>
    public static BootstrapTokenSecret From(BootstrapToken token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parsed = BootstrapTokenString.TryParse(token.Token) ?? throw new ArgumentException("the bootstrap token has no valid value", nameof(token));
        DateTimeOffset? expires = token.Expires is { } e ? DateTimeOffset.Parse(e, CultureInfo.InvariantCulture)
            : token.Ttl is { } ttl && ttl.Value > TimeSpan.Zero ? now + ttl.Value : null;
        return new(parsed, token.Description, expires, token.Usages ?? ["signing", "authentication"], token.Groups ?? []);
    }

    /// <summary>The Secret.</summary>
    public V1Secret ToSecret()
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["token-id"] = Encoding.UTF8.GetBytes(Token.Id),
            ["token-secret"] = Encoding.UTF8.GetBytes(Token.Secret),
        };
        if (Description is { Length: > 0 } d)
        {
            data["description"] = Encoding.UTF8.GetBytes(d);
        }

        if (Expires is { } e)
        {
            data["expiration"] = Encoding.UTF8.GetBytes(FormatTime(e));
        }

        foreach (var usage in Usages)
        {
            data[$"usage-bootstrap-{usage}"] = "true"u8.ToArray();
        }

        if (Groups.Count > 0)
        {
            data["auth-extra-groups"] = Encoding.UTF8.GetBytes(string.Join(',', Groups));
        }

        return new V1Secret
        {
            ApiVersion = "v1", Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = NamePrefix + Token.Id, NamespaceProperty = "kube-system" },
            Type = SecretType,
            Data = data,
        };
    }

    /// <summary>Reads a token Secret; null when it is not one.</summary>
    public static BootstrapTokenSecret? FromSecret(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!string.Equals(secret.Type, SecretType, StringComparison.Ordinal) || secret.Data is not { } data)
        {
            return null;
        }

        string? Get(string key) => data.TryGetValue(key, out var v) ? Encoding.UTF8.GetString(v) : null;
        var token = BootstrapTokenString.TryParse($"{Get("token-id")}.{Get("token-secret")}");
        if (token is null)
        {
            return null;
        }

        DateTimeOffset? expires = Get("expiration") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e) ? e : null;
        var usages = s_usages.Where(u => string.Equals(Get($"usage-bootstrap-{u}"), "true", StringComparison.Ordinal)).ToList();
        var groups = Get("auth-extra-groups")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return new(token, Get("description"), expires, usages, groups);
    }

    /// <summary>RFC 3339 in UTC, seconds precision, as Go's time.RFC3339 prints it.</summary>
    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Prints without the secret.</summary>
    public override string ToString() => $"bootstrap token {Token.Id}";

    /// <summary>Defaults as <c>kiln token create</c> applies them.</summary>
    public static BootstrapToken Defaults(BootstrapToken token) => ConfigDefaults.Init(new InitConfiguration { BootstrapTokens = [token] }).BootstrapTokens![0];
}
