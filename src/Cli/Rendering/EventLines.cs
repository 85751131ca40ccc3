using System.Globalization;
using Kiln.Phases.Workflow;

namespace Kiln.Cli.Rendering;

/// <summary>
/// Renders phase events as plain lines, one per event, each starting with the phase id in brackets:
/// greppable, diff-able, and readable by a screen reader.
/// </summary>
public sealed class EventLines(TextWriter output) : IProgress<PhaseEvent>
{
    readonly Lock _lock = new();

    /// <summary>Say "would write" instead of "wrote".</summary>
    public bool DryRun { get; init; }

    public void Report(PhaseEvent value)
    {
        var line = Format(value);
        lock (_lock)
        {
            output.WriteLine(line);
        }
    }

    public string Format(PhaseEvent e) => $"[{e.Phase}] " + e switch
    {
        PhaseStarted s => $"start ({s.Index}/{s.Count})",
        PhaseSkipped s => $"skipped: {s.Reason}",
        PhaseNote n => n.Text,
        ArtifactWritten w => $"{(DryRun ? "would write" : "wrote")} {w.Path}" + (w.Mode is { } m ? $" ({Octal(m)})" : "")
            + (w.Summary is null ? "" : $": {w.Summary}"),
        ArtifactReused r => $"using existing {r.Path}",
        ArtifactRemoved r => $"removed {r.Path}",
        PhaseSucceeded s => $"done in {Seconds(s.Took)}",
        PhaseFailed f => $"failed: {f.Error.Message}" + (f.Error.Hint is null ? "" : $" (hint: {f.Error.Hint})"),
        _ => e.GetType().Name,
    };

    static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);

    static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + "s";
}
