using System.CommandLine;
using Kiln.Phases.Config;
using Kiln.Phases.Sessions;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Targets;
using Kiln.Tui;
using Kiln.Tui.Models;

namespace Kiln.Cli.Commands;

/// <summary>`kiln tui`: the terminal UI for init and worker join (guided config, the exact YAML, live phase progress).</summary>
public static class TuiCommand
{
    public static Command Build(CliContext context)
    {
        var config = new Option<string?>("--config") { Description = "kubeadm config file that pre-fills the wizard", HelpName = "FILE" };
        var rootfs = new Option<string?>("--rootfs") { Description = "Treat DIR as the node's / (files land under it)", HelpName = "DIR" };
        var filesOnly = new Option<bool>("--files-only") { Description = "Run only the phases that write files; skip those that need a live node (a join writes the kubelet's files and does not start it)" };
        var theme = new Option<string?>("--theme")
        {
            Description = "default, serial (ASCII, 16 colours; automatic for TERM=linux and vt*) or mono (no colour; automatic with NO_COLOR)",
        };
        theme.AcceptOnlyFromAmong([.. TuiThemes.Names]);
        var command = new Command("tui", "Terminal UI: set up this node or join it to a cluster step by step, review the exact config, watch the phases run")
        {
            config, rootfs, filesOnly, theme,
        };
        command.SetAction(p => Run(context, p.GetValue(config), p.GetValue(rootfs), p.GetValue(filesOnly), p.GetValue(theme)));
        return command;
    }

    static int Run(CliContext context, string? configPath, string? rootfs, bool filesOnly, string? themeFlag)
    {
        if (!context.Interactive)
        {
            // Terminal.Gui waits forever for a terminal that is not there
            context.Err.WriteLine("kiln: tui needs a terminal (stdin and stdout must not be redirected); "
                + "for a non-interactive install run 'kiln init --config FILE'");
            return ExitCodes.UsageError;
        }

        var theme = TuiThemes.Resolve(themeFlag, Environment.GetEnvironmentVariable) ?? TuiTheme.Default;
        ConfigLoadResult? loaded = null;
        if (configPath is not null)
        {
            if (CliFiles.Read(context, configPath) is not { } text)
            {
                return ExitCodes.UsageError;
            }

            (loaded, var isInit) = InitConfigFile.Load(configPath, text, context.Host, WizardModel.Hint);
            if (loaded.Config is null)
            {
                // the file cannot even be parsed: nothing to pre-fill, so say why here
                context.Err.Write(loaded.Render());
                return ExitCodes.UsageError;
            }

            if (!isInit)
            {
                context.Err.WriteLine($"kiln: {configPath} {InitConfigFile.NotInitConfig}");
                return ExitCodes.UsageError;
            }
        }

        var defaults = ConfigDefaults.Apply(new KubeadmConfig { Init = new InitConfiguration(), Cluster = new ClusterConfiguration() }, context.Host);

        var rootPath = rootfs is null ? null : context.Resolve(rootfs);
        var root = new HostRoot(rootPath ?? "/");
        // the plan makes no secret; the run makes the token, as kiln init does (and none for --files-only)
        var runner = new InitRunner(config => InitSession.Create(config, new RunOptions
        {
            Target = root,
            // as in kiln init: with --rootfs the files are for another machine, whose hostname and proxies are not ours
            Host = rootPath is null ? context.Host : null,
            Live = filesOnly ? null : LiveSetup.InitNode(context, config, root, kubeConfig: null, ignorePreflightErrors: []),
        }), rootPath);
        // as kiln join: the cluster connection is the session's (the token's, once discovery proved the CA)
        var join = new JoinRunner(join => JoinSession.Create(join, new RunOptions
        {
            Target = root,
            Host = rootPath is null ? context.Host : null,
            Live = filesOnly ? null : LiveSetup.Node(context, cluster: null, [], join.NodeRegistration.IgnorePreflightErrors),
        }, new DiscoveryWait(TimeSpan.FromMinutes(5), context.PollInterval, TimeProvider.System)), rootPath);
        var options = new TuiOptions(loaded, loaded?.Config ?? defaults, context.Host, HostChoices.Detect(), runner, LogPath())
        {
            Theme = theme, Utf8Terminal = TuiThemes.Utf8(Environment.GetEnvironmentVariable), FilesOnly = filesOnly, WorkingDirectory = context.WorkingDirectory,
            Join = join,
        };
        var outcome = TuiApp.Run(options);
        // after the screen is restored: a note for the person at the console, not output for programs
        context.Err.WriteLine(outcome.Succeeded switch
        {
            true => $"kiln: {outcome.Verb} finished; log: {options.LogPath}",
            false => $"kiln: {outcome.Verb} failed; log: {options.LogPath}",
            null => "kiln: quit before running anything",
        });
        return outcome.Succeeded == false ? ExitCodes.Failure : ExitCodes.Success;
    }

    // a fresh private directory (0700): nobody else can plant or read the log
    static string LogPath() => Path.Combine(Directory.CreateTempSubdirectory("kiln-tui-").FullName, "run.log");
}
