using Kiln.Phases.Workflow;

namespace Kiln.Tui.Models;

/// <summary>
/// The run screen's state, fed by the runner's phase events: a row per planned phase, a log, progress, and the
/// outcome. Plain C#; the view copies it to the screen after each change.
/// </summary>
public sealed class RunModel
{
    readonly List<string> _log = [];
    readonly TimeProvider _clock;
    readonly long _started;
    TimeSpan? _took;
    int _finished;

    public RunModel(WorkflowPlan plan, TimeProvider clock, string logPath)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clock);
        Rows = [.. plan.Phases.Select(p => new PhaseRow(p.Phase.Id, p.Phase.Summary, p.SkipReason is { } r ? Words(r) : null))];
        RunCount = plan.RunCount;
        LogPath = logPath;
        _clock = clock;
        _started = clock.GetTimestamp();
    }

    public IReadOnlyList<PhaseRow> Rows { get; }

    public int RunCount { get; }

    public string LogPath { get; }

    public IReadOnlyList<string> Log => _log;

#pragma warning disable MA0046 // one in-process subscriber (the run screen's log file): a sender and an EventArgs type would add nothing
    /// <summary>Raised after each log line, so a file logger can follow the screen.</summary>
    public event Action<string>? LineLogged;
#pragma warning restore MA0046

    public PhaseError? Error { get; private set; }

    public bool Finished { get; private set; }

    public bool Succeeded => Finished && Error is null;

    /// <summary>Completed phases over phases that run.</summary>
    public float Fraction => RunCount == 0 ? 1f : (float)_finished / RunCount;

    public TimeSpan Elapsed => _took ?? _clock.GetElapsedTime(_started);

    /// <summary>One status line: where the run is and how long it has taken.</summary>
    public string Status
    {
        get
        {
            var state = Error is not null ? "failed" : Finished ? "done" : "running";
            return $"{state}: {_finished}/{RunCount} phases complete, {PhaseEventText.Seconds(Elapsed)} elapsed";
        }
    }

    /// <summary>Applies one event from the runner.</summary>
    public void Apply(PhaseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var row = Rows.FirstOrDefault(r => r.Id == e.Phase);
        switch (e)
        {
            case PhaseStarted:
                Set(row, PhaseState.Running, null);
                break;
            case PhaseSkipped s:
                Set(row, PhaseState.Skipped, "skipped: " + Words(s.Reason));
                break;
            case PhaseSucceeded s:
                _finished++;
                Set(row, PhaseState.Done, PhaseEventText.Seconds(s.Took));
                break;
            case PhaseFailed f:
                Error = f.Error;
                Set(row, PhaseState.Failed, "failed");
                break;
            default:
                break;
        }

        Write(PhaseEventText.Format(e, skipWords: Words));
    }

    /// <summary>The run is over: the runner returned (or threw, which the view reports as an error).</summary>
    public void Complete(WorkflowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Error ??= result.Error;
        Finished = true;
        _took = _clock.GetElapsedTime(_started);
        Write(Error is null ? $"finished in {PhaseEventText.Seconds(_took.Value)}" : $"stopped: error execution phase {Error.Phase}");
    }

    /// <summary>What to show when the run is over: the error with its hint, or the next steps (the log path is <see cref="LogRow"/>).</summary>
    public IReadOnlyList<string> Outcome(string? certificatesDir, bool filesOnly) => Outcome(InitSuccess(certificatesDir, filesOnly));

    /// <summary>What to show when the run is over: the error with its hint, or <paramref name="success"/>.</summary>
    public IReadOnlyList<string> Outcome(IReadOnlyList<string> success)
    {
        if (!Finished)
        {
            return [];
        }

        if (Error is { } e)
        {
            var lines = new List<string> { $"error execution phase {e.Phase}: {e.Message}" };
            if (e.Hint is not null)
            {
                lines.Add($"hint: {e.Hint}");
            }

            return lines;
        }

        return success;
    }

    /// <summary>The next steps after an init.</summary>
    public static IReadOnlyList<string> InitSuccess(string? certificatesDir, bool filesOnly) =>
        [
            "This control-plane node's files are in place" + (certificatesDir is null ? "." : $" (certificates in {certificatesDir})."),
            filesOnly
                ? "Next, on the node: systemctl enable --now kubelet"
                : "To use the cluster: mkdir -p $HOME/.kube && sudo cp /etc/kubernetes/admin.conf $HOME/.kube/config",
            "Then install a pod network add-on. To add nodes: 'kiln token create --print-join-command' prints the join command.",
        ];

    /// <summary>A line from outside the phases (discovery's notes).</summary>
    public void Note(string line) => Write(line);

    /// <summary>
    /// The log file's row once the run is over, one line of at most <paramref name="width"/> columns whatever the
    /// path: a long path loses its middle, so the directory's start and the file name stay.
    /// </summary>
    public string LogRow(int width)
    {
        const string Label = "log: ";
        return Finished ? Label + TextFit.Middle(LogPath, Math.Max(0, width - Label.Length)) : "";
    }

    static void Set(PhaseRow? row, PhaseState state, string? detail)
    {
        if (row is null)
        {
            return;
        }

        row.State = state;
        row.Detail = detail;
    }

    void Write(string line)
    {
        _log.Add(line);
        LineLogged?.Invoke(line);
    }

    // the TUI's selection is the config's skipPhases list
    static string Words(SkipReason reason) => reason.Kind == SkipKind.Selection ? "listed in skipPhases" : reason.Text;
}
