using Microsoft.Extensions.Logging;

namespace Kiln.Phases.Workflow;

/// <summary>
/// Runs a plan in order, emitting events. It never prints and never exits; it catches exceptions only
/// at the phase boundary, turns them into <see cref="PhaseFailed"/> and stops.
/// </summary>
public static partial class WorkflowRunner
{
    /// <summary>Runs the plan.</summary>
    public static async Task<WorkflowResult> RunAsync(WorkflowPlan plan, PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        var index = 0;
        foreach (var row in plan.Phases)
        {
            var phase = row.Phase;
            if (row.SkipReason is { } reason)
            {
                context.Events.Report(new PhaseSkipped(phase.Id, context.Clock.GetUtcNow(), reason));
                continue;
            }

            context.Events.Report(new PhaseStarted(phase.Id, context.Clock.GetUtcNow(), ++index, plan.RunCount));
            var started = context.Clock.GetTimestamp();
            var error = await RunOneAsync(phase, context with { Phase = phase.Id }, cancellationToken);
            if (error is not null)
            {
                context.Events.Report(new PhaseFailed(phase.Id, context.Clock.GetUtcNow(), error));
                return new WorkflowResult(error);
            }

            context.Events.Report(new PhaseSucceeded(phase.Id, context.Clock.GetUtcNow(), context.Clock.GetElapsedTime(started)));
        }

        return new WorkflowResult(null);
    }

    static async Task<PhaseError?> RunOneAsync(PhaseDefinition phase, PhaseContext context, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await phase.RunAsync(context, cancellationToken);
            return null;
        }
        catch (PhaseException e)
        {
            LogFailed(context.Log, e, phase.Id.Value);
            return new PhaseError(phase.Id, e.Message, e.Hint, e);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            return new PhaseError(phase.Id, "cancelled", null, e);
        }
#pragma warning disable CA1031 // the phase boundary is the one place every failure becomes a PhaseFailed event
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            LogFailed(context.Log, e, phase.Id.Value);
            var message = e is IOException or UnauthorizedAccessException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            var hint = e is Targets.TargetIOException t ? t.Hint : e is UnauthorizedAccessException ? "run as root, or use --rootfs DIR" : null;
            return new PhaseError(phase.Id, message, hint, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "phase {Phase} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string phase);
}
