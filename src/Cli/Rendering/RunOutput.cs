using Kiln.Phases.Workflow;

namespace Kiln.Cli.Rendering;

/// <summary>How the workflow commands (init, join, reset) report: usage errors before a run, and how a run ended.</summary>
public static class RunOutput
{
    /// <summary>Writes each usage error as one <c>kiln:</c> line; true when there was any (the command then exits 2).</summary>
    public static async Task<bool> UsageErrorsAsync(CliContext context, IEnumerable<string> errors)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(errors);
        var any = false;
        foreach (var error in errors)
        {
            await context.Err.WriteLineAsync($"kiln: {error}");
            any = true;
        }

        return any;
    }

    /// <summary>The exit code of a finished run, with kubeadm's "error execution phase" lines when a phase failed.</summary>
    public static async Task<int> ExitCodeAsync(CliContext context, WorkflowResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Error is not { } e)
        {
            return ExitCodes.Success;
        }

        await context.Err.WriteLineAsync(PhaseErrorText.Render(e));
        return ExitCodes.Failure;
    }
}
