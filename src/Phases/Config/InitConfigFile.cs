namespace Kiln.Phases.Config;

/// <summary>
/// A file read as an init config (the CLI, the TUI command and the TUI start screen all load through here), and the
/// rule for the node identity init needs: the node name and the advertise address. On this machine both default from
/// the host's facts; for another machine (a separate root) the config must set them, because the build host's
/// name and address would end up in the certificates.
/// </summary>
public static class InitConfigFile
{
    /// <summary>The field that holds the advertise address.</summary>
    public const string AdvertiseAddressField = "localAPIEndpoint.advertiseAddress";

    /// <summary>The field that holds the node name.</summary>
    public const string NodeNameField = "nodeRegistration.name";

    /// <summary>
    /// Loads a file with the host's dynamic defaults (<paramref name="host"/> null: the files are for another machine)
    /// and fills the missing half of init and cluster config; <see cref="Result.IsInitConfig"/> is false when the file
    /// holds neither. The identity rule's findings are added, with <paramref name="hint"/> saying how to set a field.
    /// </summary>
    public static Result Load(string file, string text, HostFacts? host, Func<string, string?> hint)
    {
        ArgumentNullException.ThrowIfNull(hint);
        var loaded = ConfigLoader.Load(file, text, host);
        if (loaded.Config is null)
        {
            return new Result(loaded, IsInitConfig: true);
        }

        if (ConfigDefaults.ForInit(loaded.Config, host) is not { } complete)
        {
            return new Result(loaded, IsInitConfig: false);
        }

        var findings = loaded.Findings.ToList();
        CheckIdentity(complete, thisMachine: host is not null, SourceLocation.OfFile(file), findings, hint);
        return new Result(loaded with { Config = complete, Findings = findings }, IsInitConfig: true);
    }

    /// <summary>Why a file is no init config.</summary>
    public const string NotInitConfig = "holds no InitConfiguration or ClusterConfiguration";

    /// <summary>
    /// Adds an error for a missing node name or advertise address, replacing the validator's generic "required" for
    /// the same field: on this machine only the address can be missing (no default route); for another machine the
    /// host's facts are never used, so the config must name both.
    /// </summary>
    public static void CheckIdentity(KubeadmConfig config, bool thisMachine, SourceLocation at, IList<ConfigError> findings, Func<string, string?> hint)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(hint);
        if (config.Init is not { } init)
        {
            return;
        }

        const string elsewhere = "the files are for another machine, so this host's";
        if (init.NodeRegistration.Name is null && !thisMachine)
        {
            for (var i = findings.Count - 1; i >= 0; i--)
            {
                if (findings[i].Severity == Severity.Error && findings[i].Field.EndsWith(NodeNameField, StringComparison.Ordinal))
                {
                    findings.RemoveAt(i);
                }
            }

            findings.Add(new ConfigError(at, NodeNameField, $"no node name: {elsewhere} name is not used", "a DNS-1123 subdomain", hint(NodeNameField)));
        }

        if (init.LocalApiEndpoint.AdvertiseAddress is null)
        {
            findings.Add(new ConfigError(at, AdvertiseAddressField,
                thisMachine ? "no advertise address: this host has no default route" : $"no advertise address: {elsewhere} address is not used",
                "an IPv4 or IPv6 address of this node", hint(AdvertiseAddressField)));
        }
    }

    /// <summary>A load result, and whether the file is an init config at all.</summary>
    /// <param name="Loaded">The loaded file, defaulted for init when it is one.</param>
    /// <param name="IsInitConfig">False for a file with neither InitConfiguration nor ClusterConfiguration (a join config).</param>
    public sealed record Result(ConfigLoadResult Loaded, bool IsInitConfig);
}
