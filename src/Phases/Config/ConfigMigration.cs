using Kiln.Phases.Config.Model;

namespace Kiln.Phases.Config;

/// <summary>
/// <c>config migrate</c>: reads v1beta3 or v1beta4 and writes v1beta4 with static defaults applied.
/// Unlike kubeadm, it does not fill in host-specific values (node name, a generated token), so the output
/// is the same on every machine and holds no new secret (see docs/differences.md).
/// </summary>
public static class ConfigMigration
{
    /// <summary>The migrated YAML, or null with the findings when the input is invalid.</summary>
    public static (string? Yaml, ConfigLoadResult Result) Migrate(string file, string text, HostFacts? host)
    {
        var result = ConfigLoader.Load(file, text, host, migrating: true);
        if (result.HasErrors)
        {
            return (null, result);
        }

        var parsed = ConfigLoader.Parse(file, text, [])!;
        // an init-type file always holds both halves after migration, as kubeadm writes them
        if (parsed.Init is not null || parsed.Cluster is not null)
        {
            parsed = parsed with { Init = parsed.Init ?? new InitConfiguration(), Cluster = parsed.Cluster ?? new ClusterConfiguration() };
        }

        return (ConfigPrinter.Write(ConfigDefaults.Apply(parsed, host: null)), result);
    }
}
