using Kiln.Phases.Config;

namespace Kiln.Cli;

/// <summary>Builds the init config from --config or from flags, with defaults and validation; reports problems.</summary>
public static class InitConfigSource
{

    /// <summary>
    /// The validated init config, or null after writing every error to stderr. <paramref name="thisMachine"/> is false
    /// with --rootfs: the files are for another machine, so the node name and address never come from this host.
    /// </summary>
    public static KubeadmConfig? Load(CliContext context, string? configPath, InitFlags flags, bool thisMachine = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(flags);
        var host = thisMachine ? context.Host : null;
        if (configPath is not null)
        {
            var mixed = flags.Given().ToList();
            if (mixed.Count > 0)
            {
                context.Err.WriteLine($"kiln: --config cannot be mixed with {string.Join(", ", mixed)}; put those settings in the file");
                return null;
            }

            if (CliFiles.Read(context, configPath) is not { } text)
            {
                return null;
            }

            var (loaded, isInit) = InitConfigFile.Load(configPath, text, host, FileHint);
            context.Err.Write(loaded.Render());
            if (loaded.HasErrors)
            {
                return null;
            }

            if (!isInit)
            {
                context.Err.WriteLine($"kiln: {configPath} {InitConfigFile.NotInitConfig}");
                return null;
            }

            return loaded.Config;
        }

        var config = ConfigDefaults.Apply(flags.ToConfig(), host);
        var findings = new List<ConfigError>();
        ConfigValidator.Validate(config, findings);
        InitConfigFile.CheckIdentity(config, thisMachine, SourceLocation.OfFile("(host)"), findings, FlagHint);
        return Report(context, findings, located: false) ? null : config;
    }

    /// <summary>How to set an identity field in a file.</summary>
    public static string? FileHint(string field) => field switch
    {
        InitConfigFile.AdvertiseAddressField => "set localAPIEndpoint.advertiseAddress in the InitConfiguration",
        InitConfigFile.NodeNameField => "set nodeRegistration.name in the InitConfiguration",
        _ => null,
    };

    static string? FlagHint(string field) => field switch
    {
        InitConfigFile.AdvertiseAddressField => "pass --apiserver-advertise-address",
        InitConfigFile.NodeNameField => "pass --node-name",
        _ => null,
    };

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
