namespace Kiln.Phases.Workflow;

#pragma warning disable MA0048 // the closed set of event records reads as one list (house style 5.1, 5.3)

/// <summary>Something that happened while a workflow ran; renderers (CLI lines, TUI rows) turn these into output.</summary>
public abstract record PhaseEvent(PhaseId Phase, DateTimeOffset At);

/// <summary>A phase started; <paramref name="Index"/> counts from 1 over the phases that run.</summary>
public sealed record PhaseStarted(PhaseId Phase, DateTimeOffset At, int Index, int Count) : PhaseEvent(Phase, At);

/// <summary>A phase was skipped, and why.</summary>
public sealed record PhaseSkipped(PhaseId Phase, DateTimeOffset At, SkipReason Reason) : PhaseEvent(Phase, At);

/// <summary>Something a user may want to know while a phase runs.</summary>
public sealed record PhaseNote(PhaseId Phase, DateTimeOffset At, string Text) : PhaseEvent(Phase, At);

/// <summary>A file was written (or would be, in a dry run); <paramref name="Summary"/> describes it without secrets.</summary>
public sealed record ArtifactWritten(PhaseId Phase, DateTimeOffset At, string Path, string? Summary = null) : PhaseEvent(Phase, At)
{
    /// <summary>The file's mode, when the phase wrote it through <see cref="PhaseContext.WriteFileAsync"/>.</summary>
    public UnixFileMode? Mode { get; init; }
}

/// <summary>A file or directory was removed (reset).</summary>
public sealed record ArtifactRemoved(PhaseId Phase, DateTimeOffset At, string Path) : PhaseEvent(Phase, At);

/// <summary>An existing valid file was kept.</summary>
public sealed record ArtifactReused(PhaseId Phase, DateTimeOffset At, string Path) : PhaseEvent(Phase, At);

/// <summary>A phase finished.</summary>
public sealed record PhaseSucceeded(PhaseId Phase, DateTimeOffset At, TimeSpan Took) : PhaseEvent(Phase, At);

/// <summary>A phase failed; the workflow stops.</summary>
public sealed record PhaseFailed(PhaseId Phase, DateTimeOffset At, PhaseError Error) : PhaseEvent(Phase, At);

/// <summary>Why a phase failed: a message, a hint for the user, and the exception for the log.</summary>
public sealed record PhaseError(PhaseId Phase, string Message, string? Hint, Exception? Exception);
