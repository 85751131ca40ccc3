using System.CommandLine;
using Kiln.Phases.Config;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.Workflow;

namespace Kiln.Cli.Commands;

/// <summary>`kiln kubeconfig user`.</summary>
public static class KubeConfigCommand
{
    public static Command Build(CliContext context)
    {
        var options = new CertsCommand.NodeOptions();
        var client = new Option<string>("--client-name") { Description = "The user name (certificate CN)", Required = true };
        var orgs = new Option<string[]>("--org") { Description = "A group (certificate O); repeat for several", AllowMultipleArgumentsPerToken = false };
        var validity = new Option<string?>("--validity-period") { Description = "How long the client certificate is valid (e.g. 24h; default certificateValidityPeriod)" };
        var user = new Command("user", "Print a kubeconfig for a user, signed by the cluster CA") { client, orgs, validity };
        options.AddTo(user);
        user.SetAction(async (p, ct) =>
        {
            TimeSpan? period = null;
            if (p.GetValue(validity) is { } text)
            {
                if (!GoDuration.TryParse(text, out var d) || d.Value <= TimeSpan.Zero)
                {
                    await context.Err.WriteLineAsync($"kiln: --validity-period: '{text}' is not a positive duration (e.g. 24h, 90m)");
                    return ExitCodes.UsageError;
                }

                period = d.Value;
            }

            var config = InitConfigSource.Load(context, p.GetValue(options.Config), new InitFlags { CertDir = p.GetValue(options.CertDir) });
            if (config is null)
            {
                return ExitCodes.UsageError;
            }

            try
            {
                var root = new Phases.Targets.HostRoot(p.GetValue(options.Rootfs) is { } r ? context.Resolve(r) : "/");
                await context.Out.WriteAsync(await UserKubeConfig.CreateAsync(root, config, p.GetValue(client)!, p.GetValue(orgs) ?? [], period, TimeProvider.System.GetUtcNow()));
                return ExitCodes.Success;
            }
            catch (PhaseException e)
            {
                await context.Err.WriteLineAsync(Rendering.ProblemText.Render(e.Message, e.Hint));
                return ExitCodes.Failure;
            }
        });
        var command = new Command("kubeconfig", "Kubeconfig file utilities");
        command.Subcommands.Add(user);
        return command;
    }
}
