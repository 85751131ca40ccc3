using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Images;
using Kiln.Phases.Versions;

namespace Kiln.Cli.Commands;

/// <summary>`kiln config print|validate|migrate|images`.</summary>
public static class ConfigCommand
{
    public static Command Build(CliContext context)
    {
        var command = new Command("config", "Print, validate and migrate kubeadm configuration files");
        command.Subcommands.Add(Print(context));
        command.Subcommands.Add(Validate(context));
        command.Subcommands.Add(Migrate(context));
        command.Subcommands.Add(Images(context));
        return command;
    }

    static Command Print(CliContext context)
    {
        var print = new Command("print", "Print default configuration (what kubeadm config print prints)");
        var components = new Option<string[]>("--component-configs")
        {
            Description = $"Also print the defaults of these component configs: {string.Join(", ", ConfigPrinter.ComponentKinds)}",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
        };
        components.Validators.Add(r =>
        {
            foreach (var kind in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (!ConfigPrinter.ComponentKinds.Contains(kind, StringComparer.Ordinal))
                {
                    r.AddError($"unknown component config '{kind}'; allowed: {string.Join(", ", ConfigPrinter.ComponentKinds)}");
                }
            }
        });
        (string Name, string Summary, Func<string> Render)[] kinds =
        [
            ("init-defaults", "Print the default InitConfiguration and ClusterConfiguration", ConfigPrinter.InitDefaults),
            ("join-defaults", "Print the default JoinConfiguration", ConfigPrinter.JoinDefaults),
            ("reset-defaults", "Print the default ResetConfiguration", ConfigPrinter.ResetDefaults),
            ("upgrade-defaults", "Print the default UpgradeConfiguration", ConfigPrinter.UpgradeDefaults),
        ];
        foreach (var (name, summary, render) in kinds)
        {
            var sub = new Command(name, summary) { components };
            sub.SetAction(parse =>
            {
                var docs = new List<string> { render() };
                docs.AddRange((parse.GetValue(components) ?? []).Select(ConfigPrinter.ComponentDefaults));
                context.Out.Write(ConfigPrinter.Join([.. docs]));
                return ExitCodes.Success;
            });
            print.Subcommands.Add(sub);
        }

        return print;
    }

    static Option<string> ConfigOption(bool required) => new("--config")
    {
        Description = "Path to a kubeadm configuration file (v1beta4 or v1beta3)",
        Required = required,
    };

    static Command Validate(CliContext context)
    {
        var config = ConfigOption(required: true);
        var command = new Command("validate", "Validate a configuration file; exit 0 when valid, 2 with every error when not") { config };
        command.SetAction(parse =>
        {
            var loaded = CliFiles.LoadConfig(context, parse.GetValue(config)!);
            if (loaded is null)
            {
                return ExitCodes.UsageError;
            }

            context.Err.Write(loaded.Render());
            if (loaded.HasErrors)
            {
                context.Err.WriteLine($"{loaded.File}: {Count(loaded.Findings.Count(f => f.Severity == Severity.Error), "error")}");
                return ExitCodes.UsageError;
            }

            context.Out.WriteLine("ok");
            return ExitCodes.Success;
        });
        return command;
    }

    static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    static Command Migrate(CliContext context)
    {
        var oldConfig = new Option<string>("--old-config") { Description = "The file to migrate (v1beta3 or v1beta4)", Required = true };
        var newConfig = new Option<string?>("--new-config") { Description = "Where to write the v1beta4 result (default: standard output)" };
        var command = new Command("migrate", "Convert a v1beta3 or v1beta4 file to v1beta4 with kubeadm's defaults") { oldConfig, newConfig };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(oldConfig)!;
            if (CliFiles.Read(context, path) is not { } text)
            {
                return ExitCodes.UsageError;
            }

            var (yaml, result) = ConfigMigration.Migrate(path, text, context.Host);
            context.Err.Write(result.Render());
            if (yaml is null)
            {
                return ExitCodes.UsageError;
            }

            if (parse.GetValue(newConfig) is { } target)
            {
                return CliFiles.WriteAtomic(context, target, yaml) ? ExitCodes.Success : ExitCodes.Failure;
            }

            context.Out.Write(yaml);
            return ExitCodes.Success;
        });
        return command;
    }

    static Command Images(CliContext context)
    {
        var config = ConfigOption(required: false);
        var version = new Option<string?>("--kubernetes-version") { Description = $"Kubernetes version ({VersionTable.SupportedRange}); overrides the config" };
        var repository = new Option<string?>("--image-repository") { Description = "Registry to pull from; overrides the config" };
        var output = new Option<string>("--output", "-o") { Description = "text (default) or json" };
        output.AcceptOnlyFromAmong("text", "json");
        var list = new Command("list", "List the images a control-plane node of this version needs") { config, version, repository, output };
        list.SetAction(parse =>
        {
            var cluster = ClusterFor(context, parse.GetValue(config), parse.GetValue(version), parse.GetValue(repository));
            if (cluster is null)
            {
                return ExitCodes.UsageError;
            }

            var images = ControlPlaneImages.For(cluster).Select(i => i.Reference).ToList();
            context.Out.Write(string.Equals(parse.GetValue(output), "json", StringComparison.Ordinal) ? ImagesJson(images) : string.Concat(images.Select(i => i + "\n")));
            return ExitCodes.Success;
        });
        var images = new Command("images", "Container images Kiln deploys");
        images.Subcommands.Add(list);
        return images;
    }

    internal static ClusterConfiguration? ClusterFor(CliContext context, string? configPath, string? version, string? repository)
    {
        var cluster = new ClusterConfiguration();
        if (configPath is not null)
        {
            if (CliFiles.LoadValidConfig(context, configPath) is not { } loaded)
            {
                return null;
            }

            cluster = loaded.Cluster ?? cluster;
        }

        cluster = ConfigDefaults.Cluster(cluster with
        {
            KubernetesVersion = version ?? cluster.KubernetesVersion,
            ImageRepository = repository ?? cluster.ImageRepository,
        });
        var findings = new List<ConfigError>();
        ConfigValidator.Validate(new KubeadmConfig { Cluster = cluster }, findings);
        if (findings.Any(f => f.Severity == Severity.Error))
        {
            foreach (var f in findings.Where(f => f.Severity == Severity.Error))
            {
                var flag = string.Equals(f.Field, "kubernetesVersion", StringComparison.Ordinal) && version is not null ? "--kubernetes-version"
                    : string.Equals(f.Field, "imageRepository", StringComparison.Ordinal) && repository is not null ? "--image-repository" : f.Field;
                context.Err.WriteLine($"kiln: {flag}: {f.Message}{(f.Allowed is null ? "" : $" (allowed: {f.Allowed})")}");
            }

            return null;
        }

        return cluster;
    }

    static string ImagesJson(List<string> images) => new JsonObject
    {
        ["kind"] = "Images",
        ["apiVersion"] = "output.kubeadm.k8s.io/v1alpha3",
        ["images"] = new JsonArray([.. images.Select(i => (JsonNode?)JsonValue.Create(i))]),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
}
