using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Config.Yaml;

/// <summary>How Go's YAML decoder (YAML 1.1 resolution, as kubeadm uses it) reads a scalar.</summary>
internal static partial class YamlScalars
{
    internal enum Kind { String, Null, Bool, Int, Float }

    internal static Kind Resolve(YamlScalarNode node)
    {
        if (node.Style is not ScalarStyle.Plain and not ScalarStyle.Any)
        {
            return Kind.String;
        }

        var v = node.Value ?? "";
        if (v is "" or "~" or "null" or "Null" or "NULL")
        {
            return Kind.Null;
        }

        if (TryBool(v, out _))
        {
            return Kind.Bool;
        }

        if (IntPattern().IsMatch(v))
        {
            return Kind.Int;
        }

        return FloatPattern().IsMatch(v) ? Kind.Float : Kind.String;
    }

    internal static bool TryBool(string v, out bool value)
    {
        switch (v)
        {
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON":
                value = true;
                return true;
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    internal static bool TryInt(string v, out long value)
    {
        var s = v.Replace("_", "", StringComparison.Ordinal);
        var negative = s.StartsWith('-');
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            s = s[1..];
        }

        var ok = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        value = negative ? -value : value;
        return ok;
    }

    internal static string Describe(Kind kind) => kind switch
    {
        Kind.Null => "null",
        Kind.Bool => "a boolean",
        Kind.Int => "a number",
        Kind.Float => "a number",
        _ => "a string",
    };

    internal static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => Describe(Resolve(s)),
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+)$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FloatPattern();
}
