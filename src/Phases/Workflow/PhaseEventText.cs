using System.Globalization;

namespace Kiln.Phases.Workflow;

/// <summary>
/// A phase event as one plain line starting with the phase id in brackets, in the same words wherever it is shown
/// (the CLI's output, the terminal UI's log): greppable, diff-able, and readable by a screen reader.
/// </summary>
public static class PhaseEventText
{
    /// <summary>The line; <paramref name="dryRun"/> says "would write" instead of "wrote"; <paramref name="skipWords"/> words a skip reason as the front end does (default: its neutral text).</summary>
    public static string Format(PhaseEvent e, bool dryRun = false, Func<SkipReason, string>? skipWords = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        return $"[{e.Phase}] " + e switch
        {
            PhaseStarted s => string.Create(CultureInfo.InvariantCulture, $"start ({s.Index}/{s.Count})"),
            PhaseSkipped s => $"skipped: {(skipWords is null ? s.Reason.Text : skipWords(s.Reason))}",
            PhaseNote n => n.Text,
            ArtifactWritten w => $"{(dryRun ? "would write" : "wrote")} {w.Path}" + (w.Mode is { } m ? $" ({Octal(m)})" : "")
                + (w.Summary is null ? "" : $": {w.Summary}"),
            ArtifactReused r => $"using existing {r.Path}",
            ArtifactRemoved r => $"removed {r.Path}",
            PhaseSucceeded s => $"done in {Seconds(s.Took)}",
            PhaseFailed f => $"failed: {f.Error.Message}" + (f.Error.Hint is null ? "" : $" (hint: {f.Error.Hint})"),
            _ => e.GetType().Name,
        };
    }

    /// <summary>A duration as "0.4s" under ten seconds, "12s" from there.</summary>
    public static string Seconds(TimeSpan t) =>
        t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + "s";

    static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);
}
