using System.CommandLine;
using Kiln.Cli.Rendering;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Live;
using Kiln.Phases.Reset;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.Cli.Commands;

/// <summary>`kiln reset`, `kiln reset phase ...` and `kiln plan reset`: removes what init or join wrote, after asking (unless --force).</summary>
public static class ResetCommand
{
    sealed class Options
    {
        public Option<bool> Force { get; } = new("--force", "-f") { Description = "Do not ask for confirmation" };
        public Option<bool> Tmp { get; } = new("--cleanup-tmp-dir") { Description = "Also remove /etc/kubernetes/tmp" };
        public Option<string?> Rootfs { get; } = new("--rootfs") { Description = "Treat DIR as the node's /" };
        public Option<string?> Config { get; } = new("--config") { Description = "kubeadm configuration file (ResetConfiguration, ClusterConfiguration)" };
        public Option<string?> CertDir { get; } = new("--cert-dir") { Description = "The certificates directory to empty (default /etc/kubernetes/pki)" };
        public Option<string[]> Skip { get; } = CommaListOption.Create("--skip-phases", "Phases to skip, comma-separated");

        public void AddTo(Command command, bool withSkip)
        {
            foreach (var o in (Option[])[Force, Tmp, Rootfs, Config, CertDir])
            {
                command.Options.Add(o);
            }

            if (withSkip)
            {
                command.Options.Add(Skip);
            }
        }
    }

    public static Command Build(CliContext context)
    {
        var options = new Options();
        var command = new Command("reset", "Undo what kiln init or kiln join wrote on this node");
        options.AddTo(command, withSkip: true);
        command.SetAction((p, ct) => RunAsync(context, options, p, only: [], planOnly: false, ct));
        var phase = new Command("phase", "Run one phase of reset");
        foreach (var definition in ResetPhases.Workflow.Phases)
        {
            var sub = new Command(definition.Id.Leaf, definition.Summary);
            options.AddTo(sub, withSkip: false);
            sub.SetAction((p, ct) => RunAsync(context, options, p, [definition.Id.Value], planOnly: false, ct));
            phase.Subcommands.Add(sub);
        }

        command.Subcommands.Add(phase);
        return command;
    }

    /// <summary>`kiln plan reset`: the reset's phases and why each is skipped; asks nothing, removes nothing.</summary>
    public static Command BuildPlan(CliContext context)
    {
        var options = new Options();
        var plan = new Command("reset", "Print the reset plan: each phase, and why it is skipped (nothing is removed)");
        options.AddTo(plan, withSkip: true);
        plan.SetAction((p, ct) => RunAsync(context, options, p, only: [], planOnly: true, ct));
        return plan;
    }

    static async Task<int> RunAsync(CliContext context, Options options, ParseResult p, string[] only, bool planOnly, CancellationToken ct)
    {
        var loaded = p.GetValue(options.Config) is { } path ? CliFiles.LoadValidConfig(context, path) : new KubeadmConfig();
        if (loaded is null)
        {
            return ExitCodes.UsageError;
        }

        var reset = ConfigDefaults.Reset(loaded.Reset ?? new ResetConfiguration());
        reset = reset with
        {
            CleanupTmpDir = reset.CleanupTmpDir || p.GetValue(options.Tmp),
            Force = reset.Force || p.GetValue(options.Force),
            CertificatesDir = p.GetValue(options.CertDir) ?? loaded.Reset?.CertificatesDir ?? loaded.Cluster?.CertificatesDir ?? reset.CertificatesDir,
        };
        var selection = ResetPhases.Workflow.Select(new PhaseSelection(only, p.GetValue(options.Skip) is { Length: > 0 } skip ? skip : reset.SkipPhases ?? []));
        if (await RunOutput.UsageErrorsAsync(context, selection.Errors))
        {
            return ExitCodes.UsageError;
        }

        var root = p.GetValue(options.Rootfs) is { } r ? context.Resolve(r) : "/";
        var phaseContext = new PhaseContext(loaded with { Reset = reset }, new HostRoot(root), NullLogger.Instance, new EventLines(context.Out),
            TimeProvider.System, TargetKinds.LiveNode)
        {
            // the kubelet to stop is this host's only when the root is this host's
            Live = string.Equals(root, "/", StringComparison.Ordinal) ? new LiveNode(context.Services, Cluster: null) : null,
        };
        var plan = WorkflowPlan.Create(ResetPhases.Workflow, selection, phaseContext);
        if (planOnly)
        {
            await context.Out.WriteAsync(PlanText.Render(plan));
            return ExitCodes.Success;
        }

        if (!reset.Force && !await ConfirmAsync(context, root, ct))
        {
            return ExitCodes.Failure;
        }

        return await RunOutput.ExitCodeAsync(context, await WorkflowRunner.RunAsync(plan, phaseContext, ct));
    }

    static async Task<bool> ConfirmAsync(CliContext context, string root, CancellationToken ct)
    {
        await context.Err.WriteAsync($"[reset] This removes the Kubernetes files of this node under {root}. Are you sure you want to proceed? [y/N]: ");
        var answer = (await context.In.ReadLineAsync(ct))?.Trim().ToLowerInvariant();
        if (answer is null)
        {
            // no terminal answered: end the prompt's line before the message
            await context.Err.WriteLineAsync();
        }

        if (answer is "y" or "yes")
        {
            return true;
        }

        await context.Err.WriteLineAsync("kiln: reset aborted; nothing was removed (use --force to skip the question)");
        return false;
    }
}
