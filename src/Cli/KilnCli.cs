using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Kiln.Cli.Commands;

namespace Kiln.Cli;

/// <summary>The `kiln` command tree: parses, dispatches, and maps every outcome to an exit code.</summary>
public static class KilnCli
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "Kiln sets up Kubernetes nodes the way kubeadm does, from a console, and bakes golden node images.\n" + ExitCodes.Help);
        root.Subcommands.Add(VersionCommand.Build(context));
        root.Subcommands.Add(ConfigCommand.Build(context));
        root.Subcommands.Add(InitCommand.Build(context));
        root.Subcommands.Add(InitCommand.BuildPlan(context));
        root.Subcommands.Add(CertsCommand.Build(context));
        root.Subcommands.Add(KubeConfigCommand.Build(context));
        root.Subcommands.Add(TokenCommand.Build(context));
        root.Subcommands.Add(JoinCommand.Build(context));
        root.Subcommands.Add(ResetCommand.Build(context));
        root.Subcommands.Add(ImageCommand.Build(context));
        root.Subcommands.Add(TuiCommand.Build(context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var root = Build(context);
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
