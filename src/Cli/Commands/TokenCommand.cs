using System.CommandLine;
using Kiln.Phases.Tokens;

namespace Kiln.Cli.Commands;

/// <summary>`kiln token generate`; the cluster-side token commands arrive with the live-node work (issue #5).</summary>
public static class TokenCommand
{
    public static Command Build(CliContext context)
    {
        var token = new Command("token", "Manage bootstrap tokens");
        var generate = new Command("generate", "Print a new random bootstrap token (for kiln init --config or kiln token create)");
        generate.SetAction(_ =>
        {
            context.Out.WriteLine(BootstrapTokenString.Generate().Reveal());
            return ExitCodes.Success;
        });
        token.Subcommands.Add(generate);
        return token;
    }
}
