using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Kiln.Phases.Config.Yaml;

/// <summary>The YAML-visible fields of a config record, in declaration order.</summary>
internal static class YamlFields
{
    internal sealed record Field(string Name, bool KeepEmpty, PropertyInfo Property);

    static readonly Dictionary<Type, IReadOnlyList<Field>> s_cache = [];

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = YamlBinder.AotJustification)]
    internal static IReadOnlyList<Field> Of(Type type)
    {
        lock (s_cache)
        {
            if (!s_cache.TryGetValue(type, out var fields))
            {
                fields = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Select(p => (p, a: p.GetCustomAttribute<YamlFieldAttribute>()))
                    .Where(x => x.a is not null)
                    .OrderBy(x => x.p.DeclaringType == type ? 1 : 0)
                    .Select(x => new Field(x.a!.Name, x.a.KeepEmpty, x.p))
                    .ToList();
                s_cache[type] = fields;
            }

            return fields;
        }
    }
}
