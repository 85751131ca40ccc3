using Kiln.Phases.Config.Model;

namespace Kiln.Phases.Config;

/// <summary>Look-ups over v1beta4 argument lists, where the last entry of a name wins for single-valued flags.</summary>
public static class ArgList
{
    /// <summary>The value of the last entry named <paramref name="name"/>, or null.</summary>
    public static string? Last(this IReadOnlyList<Arg>? args, string name) => args?.LastOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal))?.Value;

    /// <summary>Whether the last entry named <paramref name="name"/> has the value <paramref name="value"/>.</summary>
    public static bool HasValue(this IReadOnlyList<Arg>? args, string name, string value) => string.Equals(args.Last(name), value, StringComparison.Ordinal);
}
