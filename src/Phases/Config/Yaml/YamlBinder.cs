using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Kiln.Phases.Config.Model;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Config.Yaml;

/// <summary>
/// Binds a YAML tree onto the config records strictly, the way kubeadm's strict decoder does,
/// but keeps every value's location and collects every problem instead of stopping at the first.
/// </summary>
internal sealed class YamlBinder(ConfigDocument document, ICollection<ConfigError> errors)
{
    /// <summary>Why reflection over the config records is safe in the Native AOT build.</summary>
    internal const string AotJustification = "kiln roots the assemblies that hold config records for the trimmer (src/Cli/Kiln.Cli.csproj), "
        + "so their types, constructors and properties are all kept; tests of the published binary bind every kind of field";

    /// <summary>v1beta3 documents: extraArgs are maps; v1beta4-only fields are unknown.</summary>
    public bool Legacy { get; init; }

    public T Bind<T>(YamlMappingNode node)
        where T : class, new() => (T)BindObject(typeof(T), node, "")!;

    object? Bind(Type type, YamlNode node, string path)
    {
        document.Locations[path] = SourceMark.Of(document.File, node);
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (node is YamlScalarNode scalar && YamlScalars.Resolve(scalar) == YamlScalars.Kind.Null)
        {
            return null;
        }

        if (underlying == typeof(string))
        {
            return Scalar(node, path, YamlScalars.Kind.String, "a string", s => s);
        }

        if (underlying == typeof(bool))
        {
            return Scalar(node, path, YamlScalars.Kind.Bool, "true or false", s => YamlScalars.TryBool(s, out var b) ? b : null);
        }

        if (underlying == typeof(int))
        {
            return Scalar(node, path, YamlScalars.Kind.Int, "a whole number", s =>
                YamlScalars.TryInt(s, out var n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : null);
        }

        if (underlying == typeof(GoDuration))
        {
            return Scalar(node, path, YamlScalars.Kind.String, "a duration such as 4m0s, 90s or 24h", s =>
                GoDuration.TryParse(s, out var d) ? d : null);
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return BindList(underlying.GetGenericArguments()[0], node, path);
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            return BindMap(underlying.GetGenericArguments()[1], node, path);
        }

        return BindObject(underlying, node, path);
    }

    object? Scalar(YamlNode node, string path, YamlScalars.Kind want, string allowed, Func<string, object?> convert)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node, path, $"expected {allowed}, found {YamlScalars.Describe(node)}", allowed);
            return null;
        }

        var kind = YamlScalars.Resolve(scalar);
        if (IsSecret(path) && want == YamlScalars.Kind.String && kind != YamlScalars.Kind.String)
        {
            errors.Add(new ConfigError(SourceMark.Of(document.File, node), path, $"this secret must be a string, not {YamlScalars.Describe(kind)}", allowed,
                "quote it") { Secret = true });
            return null;
        }

        if (want == YamlScalars.Kind.String && kind != YamlScalars.Kind.String)
        {
            Error(node, path, $"'{scalar.Value}' is {YamlScalars.Describe(kind)} here, but this field takes {allowed}", allowed,
                $"quote it: \"{scalar.Value}\"");
            return null;
        }

        var value = convert(scalar.Value ?? "");
        if (value is null || (want != YamlScalars.Kind.String && kind != want && want != YamlScalars.Kind.Int))
        {
            Error(node, path, $"'{scalar.Value}' is not {allowed}", allowed);
            return null;
        }

        return value;
    }

    static bool IsSecret(string path) =>
        path.EndsWith("token", StringComparison.OrdinalIgnoreCase) || path.EndsWith("certificateKey", StringComparison.Ordinal);

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = AotJustification)]
    object? BindList(Type element, YamlNode node, string path)
    {
        if (element == typeof(Arg) && node is YamlMappingNode map)
        {
            return Legacy ? ArgsFromMap(map, path) : ArgsMapInV1Beta4(map, path);
        }

        if (node is not YamlSequenceNode seq)
        {
            Error(node, path, $"expected a list, found {YamlScalars.Describe(node)}", "a list", "write each item on its own line starting with '- '");
            return null;
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        var i = 0;
        foreach (var item in seq.Children)
        {
            var value = Bind(element, item, $"{path}[{i++}]");
            if (value is not null)
            {
                list.Add(value);
            }
        }

        return list;
    }

    List<Arg> ArgsFromMap(YamlMappingNode map, string path)
    {
        // kubeadm's v1beta3 conversion turns the map into a list sorted by name
        var args = new List<Arg>();
        foreach (var (key, value) in map.Children.OrderBy(c => (c.Key as YamlScalarNode)?.Value, StringComparer.Ordinal))
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            var v = Bind(typeof(string), value, $"{path}[{args.Count}].value") as string;
            document.Locations[$"{path}[{args.Count}].name"] = SourceMark.Of(document.File, key);
            args.Add(new Arg { Name = name, Value = v ?? "" });
        }

        return args;
    }

    object? ArgsMapInV1Beta4(YamlMappingNode map, string path)
    {
        Error(map, path, "in v1beta4 extraArgs is a list of name/value pairs, not a map", "a list of {name, value}",
            $"write '- name: {FirstKey(map)}' and '  value: ...', or run 'kiln config migrate' on a v1beta3 file");
        return null;
    }

    static string FirstKey(YamlMappingNode map) => map.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault()?.Value ?? "flag";

    // a map of a value type (featureGates: string to bool) needs its instantiation compiled ahead of time: it is named here
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = AotJustification)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(Dictionary<string, bool>))]
    object? BindMap(Type valueType, YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, path, $"expected a mapping, found {YamlScalars.Describe(node)}", "a mapping of name: value");
            return null;
        }

        var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            var bound = Bind(valueType, value, $"{path}.{name}");
            if (bound is not null)
            {
                dict[name] = bound;
            }
        }

        return dict;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = AotJustification)]
    object? BindObject(Type type, YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, path, $"expected a mapping, found {YamlScalars.Describe(node)}", "a mapping of fields");
            return null;
        }

        var instance = Activator.CreateInstance(type)!;
        var fields = YamlFields.Of(type).Where(f => !Legacy || !V1Beta3.IsNewInV1Beta4(f)).ToList();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (path.Length == 0 && key is "apiVersion" or "kind")
            {
                continue;
            }

            var field = fields.FirstOrDefault(f => string.Equals(f.Name, key, StringComparison.Ordinal));
            if (field is null)
            {
                UnknownField(keyNode, childPath, key, fields.Select(f => f.Name).Concat(path.Length == 0 ? ["apiVersion", "kind"] : []),
                    YamlFields.Of(type).Any(f => string.Equals(f.Name, key, StringComparison.Ordinal)));
                continue;
            }

            var value = Bind(field.Property.PropertyType, valueNode, childPath);
            if (value is not null)
            {
                field.Property.SetValue(instance, value);
            }
        }

        return instance;
    }

    void UnknownField(YamlNode keyNode, string path, string key, IEnumerable<string> known, bool newInV1Beta4)
    {
        var names = known.ToList();
        var closest = Suggest.Closest(key, names);
        var version = Legacy ? "v1beta3 " : "";
        var hint = closest is not null
            ? $"did you mean '{closest}'?"
            : Legacy && names.Count > 0 && newInV1Beta4
                ? $"'{key}' exists only in v1beta4: migrate the file without it ('kiln config migrate'), then add it"
                : null;
        var at = SourceMark.Of(document.File, keyNode);
        errors.Add(new ConfigError(at, path, $"unknown field '{key}' in {version}{document.Kind}",
            names.Count > 0 ? $"known here: {string.Join(", ", names.Order(StringComparer.Ordinal))}" : null, hint));
    }

    void Error(YamlNode node, string path, string message, string? allowed = null, string? hint = null) =>
        errors.Add(new ConfigError(SourceMark.Of(document.File, node), path, message, allowed, hint));
}
