using System.Text.RegularExpressions;

namespace Kiln.Tui.Models;

/// <summary>Hides secret values in config YAML meant for the screen or the log.</summary>
public static partial class YamlRedaction
{
    public static string Redact(string yaml) => SecretLine().Replace(yaml, "${key}<redacted>");

    // bootstrap tokens ("token:"), the upload-certs key ("certificateKey:") and discovery tokens
    [GeneratedRegex(@"^(?<key>\s*-?\s*(?:token|certificateKey|tlsBootstrapToken): ).+$", RegexOptions.Multiline | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SecretLine();
}
