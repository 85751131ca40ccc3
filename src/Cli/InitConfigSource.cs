using Kiln.Phases.Config;

namespace Kiln.Cli;

/// <summary>Builds the init config from --config or from flags, with defaults and validation; reports problems.</summary>
public static class InitConfigSource
{

    /// <summary>The validated init config, or null after writing every error to stderr.</summary>
    public static KubeadmConfig? Load(CliContext context, string? configPath, InitFlags flags)
    {
        if (configPath is not null)
        {
            var mixed = flags.Given().ToList();
            if (mixed.Count > 0)
            {
                context.Err.WriteLine($"kiln: --config cannot be mixed with {string.Join(", ", mixed)}; put those settings in the file");
                return null;
            }

            if (CliFiles.LoadValidConfig(context, configPath) is not { } loaded)
            {
                return null;
            }

            if (ConfigDefaults.ForInit(loaded, context.Host) is not { } complete)
            {
                context.Err.WriteLine($"kiln: {configPath} {ConfigDefaults.NoInitConfig}");
                return null;
            }

            return Finish(context, complete, fromFlags: false);
        }

        return Finish(context, ConfigDefaults.Apply(flags.ToConfig(), context.Host), fromFlags: true);
    }

    static KubeadmConfig? Finish(CliContext context, KubeadmConfig config, bool fromFlags)
    {
        var findings = new List<ConfigError>();
        if (fromFlags)
        {
            // a file was validated (and its findings rendered with source lines) when it was loaded
            ConfigValidator.Validate(config, findings);
        }

        if (config.Init?.LocalApiEndpoint.AdvertiseAddress is null)
        {
            findings.Add(new ConfigError(SourceLocation.OfFile("(host)"), "localAPIEndpoint.advertiseAddress",
                "no advertise address: this host has no default route", null,
                fromFlags ? "pass --apiserver-advertise-address" : "set localAPIEndpoint.advertiseAddress in the InitConfiguration"));
        }

        return Report(context, findings, located: !fromFlags) ? null : config;
    }

    /// <summary>Writes findings one per line to stderr (with their file location when <paramref name="located"/>); true when any is an error.</summary>
    public static bool Report(CliContext context, IReadOnlyList<ConfigError> findings, bool located)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var f in ConfigErrorRenderer.Sort(findings))
        {
            var where = located ? $"{f.At}: " : "";
            context.Err.WriteLine($"kiln: {where}{(f.Severity == Severity.Error ? "" : "warning: ")}{f.Field}: {f.Message}"
                + (f.Allowed is null ? "" : $" (allowed: {f.Allowed})") + (f.Hint is null ? "" : $"; hint: {f.Hint}"));
        }

        return findings.Any(f => f.Severity == Severity.Error);
    }
}
