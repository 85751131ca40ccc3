using Kiln.Phases.Config.Model;

namespace Kiln.Phases.StaticPods;

/// <summary>kubeadm's ArgumentsToCommand for v1beta4: a user name replaces every default of that name; repeats are kept; sorted by name.</summary>
public static class ComponentArgs
{
    /// <summary>The command line: the binary, then <c>--name=value</c> sorted by name (stable).</summary>
    public static IReadOnlyList<string> Command(string binary, IEnumerable<(string Name, string Value)> defaults, IReadOnlyList<Arg>? extra)
    {
        var user = extra ?? [];
        var names = user.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var merged = defaults.Where(d => !names.Contains(d.Name)).Concat(user.Select(a => (a.Name, a.Value)))
            .OrderBy(a => a.Item1, StringComparer.Ordinal)
            .Select(a => $"--{a.Item1}={a.Item2}");
        return [binary, .. merged];
    }
}
