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

/// <summary>`kiln reset`: removes what init wrote, after asking (unless --force).</summary>
public static class ResetCommand
{
    public static Command Build(CliContext context)
    {
        var force = new Option<bool>("--force", "-f") { Description = "Do not ask for confirmation" };
        var tmp = new Option<bool>("--cleanup-tmp-dir") { Description = "Also remove /etc/kubernetes/tmp" };
        var rootfs = new Option<string?>("--rootfs") { Description = "Treat DIR as the node's /" };
        var config = new Option<string?>("--config") { Description = "kubeadm configuration file (ResetConfiguration, ClusterConfiguration)" };
        var certDir = new Option<string?>("--cert-dir") { Description = "The certificates directory to empty (default /etc/kubernetes/pki)" };
        var command = new Command("reset", "Undo what kiln init or kiln join wrote on this node") { force, tmp, rootfs, config, certDir };
        command.SetAction(async (p, ct) =>
        {
            var loaded = p.GetValue(config) is { } path ? CliFiles.LoadValidConfig(context, path) : new KubeadmConfig();
            if (loaded is null)
            {
                return ExitCodes.UsageError;
            }

            var reset = ConfigDefaults.Reset(loaded.Reset ?? new ResetConfiguration());
            reset = reset with
            {
                CleanupTmpDir = reset.CleanupTmpDir || p.GetValue(tmp),
                Force = reset.Force || p.GetValue(force),
                CertificatesDir = p.GetValue(certDir) ?? loaded.Reset?.CertificatesDir ?? loaded.Cluster?.CertificatesDir ?? reset.CertificatesDir,
            };
            var root = p.GetValue(rootfs) is { } r ? context.Resolve(r) : "/";
            if (!reset.Force)
            {
                await context.Err.WriteAsync($"[reset] This removes the Kubernetes files of this node under {root}. Are you sure you want to proceed? [y/N]: ");
                var answer = (await context.In.ReadLineAsync(ct))?.Trim().ToLowerInvariant();
                if (answer is null)
                {
                    // no terminal answered: end the prompt's line before the message
                    await context.Err.WriteLineAsync();
                }

                if (answer is not ("y" or "yes"))
                {
                    await context.Err.WriteLineAsync("kiln: reset aborted; nothing was removed (use --force to skip the question)");
                    return ExitCodes.Failure;
                }
            }

            var phaseContext = new PhaseContext(loaded with { Reset = reset }, new HostRoot(root), NullLogger.Instance, new EventLines(context.Out),
                TimeProvider.System, TargetKinds.LiveNode)
            {
                // the kubelet to stop is this host's only when the root is this host's
                Live = string.Equals(root, "/", StringComparison.Ordinal) ? new LiveNode(context.Services, Cluster: null) : null,
            };
            var selection = ResetPhases.Workflow.Select(new PhaseSelection([], reset.SkipPhases ?? []));
            var result = await WorkflowRunner.RunAsync(WorkflowPlan.Create(ResetPhases.Workflow, selection, phaseContext), phaseContext, ct);
            if (result.Error is { } e)
            {
                await context.Err.WriteLineAsync(Rendering.PhaseErrorText.Render(e));
                return ExitCodes.Failure;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
