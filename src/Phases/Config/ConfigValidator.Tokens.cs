using System.Globalization;
using System.Text.RegularExpressions;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Net;

namespace Kiln.Phases.Config;

public static partial class ConfigValidator
{
    static void Token(BootstrapToken t, string path, Checker check)
    {
        // the token value is a secret: findings name its shape, never echo it
        if (!string.IsNullOrEmpty(t.Token) && !TokenPattern().IsMatch(t.Token))
        {
            check.SecretError($"{path}.token", "the bootstrap token is malformed", "6 then 16 characters of [a-z0-9], joined by '.' (abcdef.0123456789abcdef)",
                "generate one with 'kiln token generate'");
        }

        if (t.Ttl is not null && t.Expires is not null && check.Document.Has($"{path}.ttl"))
        {
            check.Error($"{path}.expires", "ttl and expires are both set", "one of ttl or expires");
        }

        if (t.Expires is { } expires && !DateTimeOffset.TryParseExact(expires, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFFFK"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            check.Error($"{path}.expires", $"'{expires}' is not an RFC 3339 time", "e.g. 2026-12-31T23:59:59Z");
        }

        string[] usages = ["signing", "authentication"];
        var list = t.Usages ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (!usages.Contains(list[i]))
            {
                check.Error($"{path}.usages[{i}]", $"'{list[i]}' is not a token usage", "signing, authentication",
                    Yaml.Suggest.Closest(list[i], usages) is { } s ? $"did you mean '{s}'?" : null);
            }
        }

        var groups = t.Groups ?? [];
        if (groups.Count > 0 && !list.Contains("authentication", StringComparer.Ordinal))
        {
            check.Error($"{path}.groups", "groups are only used by tokens with the 'authentication' usage", "add 'authentication' to usages, or remove groups");
        }

        for (var i = 0; i < groups.Count; i++)
        {
            if (!GroupPattern().IsMatch(groups[i]))
            {
                check.Error($"{path}.groups[{i}]", $"'{groups[i]}' is not a bootstrap group", "system:bootstrappers:<lowercase letters, digits, ':' and '-'>",
                    "e.g. system:bootstrappers:kubeadm:default-node-token");
            }
        }
    }

    static void Discovery(Discovery d, Checker check)
    {
        if ((d.BootstrapToken is null) == (d.File is null))
        {
            check.Error("discovery", d.BootstrapToken is null ? "no discovery method is set" : "both bootstrapToken and file discovery are set",
                "exactly one of discovery.bootstrapToken or discovery.file", "token discovery needs apiServerEndpoint, token and caCertHashes");
        }

        if (d.TlsBootstrapToken is { Length: > 0 } tls && !TokenPattern().IsMatch(tls))
        {
            check.SecretError("discovery.tlsBootstrapToken", "the TLS bootstrap token is malformed", "6 then 16 characters of [a-z0-9], joined by '.'");
        }

        if (d.BootstrapToken is { } bt)
        {
            BootstrapTokenDiscovery(bt, check);
        }

        if (d.File is { KubeConfigPath: var p } && (p is null || (!p.StartsWith('/') && !FileDiscovery.IsUrl(p))))
        {
            check.Error("discovery.file.kubeConfigPath", $"'{p}' is neither an absolute path nor an https URL", "an absolute file path or https://...");
        }
    }

    static void BootstrapTokenDiscovery(BootstrapTokenDiscovery bt, Checker check)
    {
        if (string.IsNullOrEmpty(bt.Token) || !TokenPattern().IsMatch(bt.Token))
        {
            check.SecretError("discovery.bootstrapToken.token", string.IsNullOrEmpty(bt.Token) ? "the discovery token is required" : "the discovery token is malformed",
                "6 then 16 characters of [a-z0-9], joined by '.'", "'kiln token create --print-join-command' on a control-plane node prints one");
        }

        if (string.IsNullOrEmpty(bt.ApiServerEndpoint))
        {
            check.Error("discovery.bootstrapToken.apiServerEndpoint", "the API server endpoint is required", "host:port, e.g. 10.0.0.1:6443");
        }
        else if (!NetParse.TrySplitHostPort(bt.ApiServerEndpoint, out var host, out var port) || port is null || !NetParse.IsPort(port) || host.Length == 0)
        {
            check.Error("discovery.bootstrapToken.apiServerEndpoint", $"'{bt.ApiServerEndpoint}' is not host:port", "host:port, e.g. 10.0.0.1:6443 or [fd00::1]:6443");
        }

        var hashes = bt.CaCertHashes ?? [];
        if (hashes.Count == 0 && !bt.UnsafeSkipCaVerification)
        {
            check.Error("discovery.bootstrapToken.caCertHashes", "no CA pin is given", "one or more sha256:<64 hex> pins",
                "take the pin from 'kiln token create --print-join-command', or set unsafeSkipCAVerification: true (insecure)");
        }

        for (var i = 0; i < hashes.Count; i++)
        {
            if (!PinPattern().IsMatch(hashes[i]))
            {
                check.Error($"discovery.bootstrapToken.caCertHashes[{i}]", $"'{hashes[i]}' is not a CA pin", "sha256: followed by 64 hexadecimal characters");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]{6}\\.[a-z0-9]{16}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex GroupPattern();

    [GeneratedRegex("^sha256:[0-9a-fA-F]{64}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PinPattern();
}
