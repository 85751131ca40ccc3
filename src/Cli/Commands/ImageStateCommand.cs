using System.CommandLine;
using System.Globalization;
using Kiln.Cli.Rendering;
using Kiln.ImageBuilder.Build;
using Kiln.ImageBuilder.Tools;
using Kiln.Phases.Targets;

namespace Kiln.Cli.Commands;

/// <summary>`kiln image state check-expiration|renew --state DIR`: the certificates an image state holds for its cluster's images.</summary>
public static class ImageStateCommand
{
    public static Command Build(CliContext context)
    {
        var command = new Command("state", "Inspect and renew the certificates of an image state (--state DIR of 'kiln image build')");
        command.Subcommands.Add(CheckCommand(context));
        command.Subcommands.Add(RenewCommand(context));
        return command;
    }

    static Option<string> StateOption() => new("--state") { Description = "The image state directory", Required = true };

    static Command CheckCommand(CliContext context)
    {
        var state = StateOption();
        var command = new Command("check-expiration", "List the state's certificates with their expiry; those within 30 days are marked") { state };
        command.SetAction((p, ct) => WithStateAsync(context, p.GetValue(state)!, "kiln image state check-expiration", async s =>
        {
            var now = TimeProvider.System.GetUtcNow();
            var rows = (await StateCertificates.ListAsync(s, ct)).Select(c => (IReadOnlyList<string>)
                [c.Name, Day(c.NotAfter), Residual(c.NotAfter - now), c.Authority ? "yes" : "no", c.NotAfter - now <= StateCertificates.Soon ? "RENEW" : ""]);
            await context.Out.WriteAsync(Table.Render(["CERTIFICATE", "EXPIRES", "RESIDUAL TIME", "CA", ""], rows));
            return ExitCodes.Success;
        }));
        return command;
    }

    static Command RenewCommand(CliContext context)
    {
        var state = StateOption();
        var all = new Option<bool>("--all") { Description = "Renew every leaf and kubeconfig, not only those that expire within 30 days" };
        var cas = new Option<bool>("--cas")
        {
            Description = "Renew the CAs too, with their own keys (the CA pin and every signature stay valid); never without this flag",
        };
        var command = new Command("renew", "Renew the state's certificates that expire within 30 days (same names, SANs, key type and lifetime; new keys); "
            + "rebuild the images afterwards")
        {
            state, all, cas,
        };
        command.SetAction((p, ct) => WithStateAsync(context, p.GetValue(state)!, "kiln image state renew", async s =>
        {
            var renewed = await StateCertificates.RenewAsync(s, p.GetValue(all), p.GetValue(cas), TimeProvider.System.GetUtcNow(), ct);
            foreach (var r in renewed)
            {
                await (r.Problem is { } problem
                    ? context.Err.WriteLineAsync($"kiln: {r.Name}: {problem}")
                    : context.Out.WriteLineAsync($"[renew] {r.Name}: was valid until {Day(r.OldNotAfter)}, now until {Day(r.NewNotAfter!.Value)}"));
            }

            if (renewed.Any(r => r.Problem is not null))
            {
                await context.Err.WriteLineAsync("kiln: the state is unchanged: nothing was renewed, as not every renewal could be made");
                return ExitCodes.Failure;
            }

            await context.Out.WriteLineAsync(renewed.Count == 0
                ? "Nothing to renew: no certificate of the state expires within 30 days (--all renews every leaf)."
                : $"Renewed {renewed.Count} certificate(s) in {s.Directory}. Rebuild the images of this state to use them.");
            return ExitCodes.Success;
        }));
        return command;
    }

    static async Task<int> WithStateAsync(CliContext context, string directory, string command, Func<BuildState, Task<int>> work)
    {
        var full = context.Resolve(directory);
        if (!Directory.Exists(full))
        {
            await context.Err.WriteLineAsync($"kiln: --state {directory}: no such directory");
            return ExitCodes.UsageError;
        }

        using var held = await RunLock.TakeAsync(context, full, command);
        if (held is null)
        {
            return ExitCodes.Failure;
        }

        try
        {
            if (BuildState.OpenExisting(full) is not { } state)
            {
                await context.Err.WriteLineAsync(ProblemText.Render($"{directory} is not a Kiln image state: it has no seed and token files",
                    "pass the --state directory of 'kiln image build'"));
                return ExitCodes.UsageError;
            }

            return await work(state);
        }
        catch (Exception e) when (e is ImageBuildException or TargetIOException or Kiln.Phases.Certs.PemFormatException)
        {
            await context.Err.WriteLineAsync(ProblemText.Render(e.Message, (e as TargetIOException)?.Hint));
            return ExitCodes.Failure;
        }
    }

    static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    static string Residual(TimeSpan left) => left <= TimeSpan.Zero ? "expired"
        : left.TotalDays >= 365 ? $"{(int)(left.TotalDays / 365)}y"
        : $"{(int)left.TotalDays}d";
}
