using System.CommandLine;
using System.Diagnostics;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Kiln.Cli.Commands;

namespace Kiln.Cli;

/// <summary>The `kiln` command tree: parses, dispatches, and maps every outcome to an exit code.</summary>
public static class KilnCli
{
    // in the order `kiln --help` lists them
    static readonly (string Name, Func<CliContext, Command> Build)[] s_commands =
    [
        ("version", VersionCommand.Build), ("config", ConfigCommand.Build), ("init", InitCommand.Build), ("plan", InitCommand.BuildPlan),
        ("certs", CertsCommand.Build), ("kubeconfig", KubeConfigCommand.Build), ("token", TokenCommand.Build), ("join", JoinCommand.Build),
        ("reset", ResetCommand.Build), ("image", ImageCommand.Build), ("images", ImagesCommand.Build), ("tui", TuiCommand.Build),
    ];

    /// <summary>The whole tree, or only the top-level command <paramref name="only"/> (what a run of it needs: building every command's options costs start-up).</summary>
    public static RootCommand Build(CliContext context, string? only = null)
    {
        var root = new RootCommand(
            "Kiln sets up Kubernetes nodes the way kubeadm does, from a console, and bakes golden node images.\n" + ExitCodes.Help);
        foreach (var (name, build) in s_commands.Where(c => only is null || string.Equals(c.Name, only, StringComparison.Ordinal)))
        {
            var command = build(context);
            Debug.Assert(string.Equals(command.Name, name, StringComparison.Ordinal), $"the table names {name} but the command is {command.Name}");
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var root = Build(context, args.Length > 0 && s_commands.Any(c => string.Equals(c.Name, args[0], StringComparison.Ordinal)) ? args[0] : null);
        var result = root.Parse(args);
        if (result.Errors.Count > 0 && result.Action is ParseErrorAction or null)
        {
            foreach (var error in result.Errors)
            {
                await context.Err.WriteLineAsync($"kiln: {error.Message}");
            }

            var known = result.CommandResult.Command.Subcommands.Select(c => c.Name).ToList();
            foreach (var token in result.UnmatchedTokens.Take(1).Where(_ => known.Count > 0))
            {
                var closest = Kiln.Phases.Config.Yaml.Suggest.Closest(token, known);
                await context.Err.WriteLineAsync((closest is null ? "" : $"Did you mean '{closest}'? ") + $"Valid here: {string.Join(", ", known)}");
            }

            var names = new List<string>();
            for (var r = result.CommandResult; r.Parent is CommandResult parent; r = parent)
            {
                names.Insert(0, r.Command.Name);
            }

            var command = string.Join(' ', names);
            await context.Err.WriteLineAsync($"Run 'kiln {command}{(command.Length > 0 ? " " : "")}--help' for usage.");
            return ExitCodes.UsageError;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Err });
    }
}
