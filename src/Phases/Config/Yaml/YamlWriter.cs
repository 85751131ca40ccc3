using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Config.Yaml;

/// <summary>
/// Writes config records as kubeadm prints them: keys sorted, Go's <c>omitempty</c> rules, block style,
/// list items at their parent's indent, and quotes wherever Go's YAML would read a bare value as non-string.
/// </summary>
public static class YamlWriter
{
    static readonly NullabilityInfoContext s_nullability = new();

    /// <summary>Writes one document with its apiVersion and kind.</summary>
    public static string Write(object record, string apiVersion, string kind)
    {
        var map = ToMap(record);
        map.Add(("apiVersion", apiVersion));
        map.Add(("kind", kind));
        var sb = new StringBuilder();
        EmitMap(sb, Sorted(map), 0);
        return sb.ToString();
    }

    /// <summary>Writes a YAML tree (a component config as written) with sorted keys.</summary>
    public static string Write(YamlMappingNode tree)
    {
        var sb = new StringBuilder();
        EmitMap(sb, Sorted(FromNode(tree)), 0);
        return sb.ToString();
    }

    /// <summary>Writes JSON (a serialized Kubernetes object) as Go's sigs.k8s.io/yaml does: sorted keys, strings kept strings.</summary>
    public static string Write(System.Text.Json.Nodes.JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var sb = new StringBuilder();
        EmitMap(sb, Sorted(FromJson(json)), 0);
        return sb.ToString();
    }

    static List<(string Key, object? Value)> FromJson(System.Text.Json.Nodes.JsonObject json) =>
        json.Select(p => (p.Key, FromJsonValue(p.Value))).ToList();

    static object? FromJsonValue(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        null => null,
        System.Text.Json.Nodes.JsonObject o => FromJson(o),
        System.Text.Json.Nodes.JsonArray a => a.Select(FromJsonValue).ToList(),
        System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        System.Text.Json.Nodes.JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => v.GetValue<bool>(),
        _ => new Raw(node.ToJsonString()),
    };

    static List<(string Key, object? Value)> ToMap(object record)
    {
        var map = new List<(string, object?)>();
        foreach (var field in YamlFields.Of(record.GetType()))
        {
            var value = field.Property.GetValue(record);
            var nullable = s_nullability.Create(field.Property).ReadState == NullabilityState.Nullable
                || Nullable.GetUnderlyingType(field.Property.PropertyType) is not null;
            if (IsEmpty(value, nullable) && !field.KeepEmpty)
            {
                continue;
            }

            map.Add((field.Name, ToValue(value)));
        }

        return map;
    }

    static bool IsEmpty(object? value, bool nullable) => value switch
    {
        null => true,
        string s => s.Length == 0,
        bool b => !nullable && !b,
        int i => i == 0,
        ICollection c => c.Count == 0,
        _ => false,
    };

    static object? ToValue(object? value) => value switch
    {
        null => null,
        string or bool or int or long => value,
        GoDuration d => d.ToString(),
        IDictionary d => d.Keys.Cast<object>().Select(k => (k.ToString()!, ToValue(d[k]))).ToList(),
        IEnumerable e => e.Cast<object?>().Select(ToValue).ToList(),
        _ => ToMap(value),
    };

    static List<(string Key, object? Value)> FromNode(YamlMappingNode map) =>
        map.Children.Select(c => (((YamlScalarNode)c.Key).Value ?? "", FromAny(c.Value))).ToList();

    static object? FromAny(YamlNode node) => node switch
    {
        YamlMappingNode m => FromNode(m),
        YamlSequenceNode s => s.Children.Select(FromAny).ToList(),
        YamlScalarNode s => YamlScalars.Resolve(s) switch
        {
            YamlScalars.Kind.Null => null,
            YamlScalars.Kind.String => s.Value,
            _ => new Raw(s.Value ?? ""),
        },
        _ => null,
    };

    sealed record Raw(string Text);

    static List<(string Key, object? Value)> Sorted(List<(string Key, object? Value)> map) =>
        map.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();

    static void EmitMap(StringBuilder sb, List<(string Key, object? Value)> map, int indent)
    {
        foreach (var (key, value) in map)
        {
            sb.Append(' ', indent).Append(Quote(key)).Append(':');
            EmitValue(sb, value, indent, indent + 2);
        }
    }

    static void EmitValue(StringBuilder sb, object? value, int indent, int childIndent)
    {
        switch (value)
        {
            case List<(string Key, object? Value)> { Count: 0 }:
                sb.Append(" {}\n");
                break;
            case List<(string Key, object? Value)> m:
                sb.Append('\n');
                EmitMap(sb, Sorted(m), childIndent);
                break;
            case List<object?> { Count: 0 }:
                sb.Append(" []\n");
                break;
            case List<object?> list:
                sb.Append('\n');
                EmitSeq(sb, list, indent);
                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    static void EmitSeq(StringBuilder sb, List<object?> list, int indent)
    {
        foreach (var item in list)
        {
            sb.Append(' ', indent).Append('-');
            if (item is List<(string Key, object? Value)> { Count: > 0 } m)
            {
                var sorted = Sorted(m);
                var first = new StringBuilder();
                EmitMap(first, sorted, indent + 2);
                sb.Append(' ').Append(first.ToString(indent + 2, first.Length - indent - 2));
                continue;
            }

            EmitValue(sb, item, indent + 2, indent + 2);
        }
    }

    static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        Raw r => r.Text,
        _ => Quote(value.ToString() ?? ""),
    };

    /// <summary>Quotes a string when a plain scalar would be read back as something else.</summary>
    public static string Quote(string s)
    {
        if (!NeedsQuotes(s))
        {
            return s;
        }

        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    static bool NeedsQuotes(string s)
    {
        if (s.Length == 0 || !string.Equals(s, s.Trim(), StringComparison.Ordinal) || s.Any(char.IsControl))
        {
            return true;
        }

        if (YamlScalars.Resolve(new YamlScalarNode(s)) != YamlScalars.Kind.String)
        {
            return true;
        }

        if ("-?:,[]{}#&*!|>'\"%@`".Contains(s[0], StringComparison.Ordinal))
        {
            // "-" alone or "- x", "? x", ": x" start block syntax; other indicators always need quotes
            return s[0] is not ('-' or '?' or ':') || s.Length == 1 || s[1] == ' ';
        }

        return s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.EndsWith(':');
    }
}
