using Kiln.Phases.Config.Model;

namespace Kiln.Phases.StaticPods;

/// <summary>
/// kubeadm's ArgumentsToCommand for v1beta4 (cmd/kubeadm/app/util/arguments.go): a user name replaces every default of
/// that name and repeats are kept. Up to v1.35 every argument is sorted by name; from v1.36 (#135400) only the
/// defaults are, and the user's extraArgs follow in the user's order.
/// </summary>
public static class ComponentArgs
{
    /// <summary>The command line: the binary, then <c>--name=value</c>, ordered as <paramref name="sortUserArgs"/> says.</summary>
    public static IReadOnlyList<string> Command(string binary, IEnumerable<(string Name, string Value)> defaults, IReadOnlyList<Arg>? extra, bool sortUserArgs)
    {
        var user = extra ?? [];
        var names = user.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var kept = defaults.Where(d => !names.Contains(d.Name));
        var given = user.Select(a => (a.Name, a.Value));
        var merged = sortUserArgs
            ? kept.Concat(given).OrderBy(a => a.Item1, StringComparer.Ordinal)
            : kept.OrderBy(a => a.Item1, StringComparer.Ordinal).Concat(given);
        return [binary, .. merged.Select(a => $"--{a.Item1}={a.Item2}")];
    }
}
