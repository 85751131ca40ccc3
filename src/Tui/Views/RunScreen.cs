using System.Collections.ObjectModel;
using Kiln.Phases.Config;
using Kiln.Phases.Workflow;
using Kiln.Tui.Models;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Kiln.Tui.Views;

/// <summary>
/// The run: every planned phase with its state, a progress bar, elapsed time, the log, and the outcome. The
/// workflow runs off the UI thread; its events come back through <see cref="Terminal.Gui.App.IApplication.Invoke(Action)"/>.
/// </summary>
#pragma warning disable CA1001 // its views live in the main window's tree while shown, and go with the process
internal sealed class RunScreen : IScreen
{
    readonly TuiOptions _options;
    readonly RunSpec _spec;
    readonly WorkflowPlan _plan;
    readonly RunModel _model;
    readonly ObservableCollection<string> _rows = [];
    readonly ObservableCollection<string> _log = [];
    readonly CancellationTokenSource _cancel = new();
    readonly ProgressBar _progress = new() { X = 1, Width = Dim.Fill(1) };
    readonly TextLabel _status = new() { X = 1, Width = Dim.Fill(1) };
    readonly TextLabel _outcome = new() { X = 1, Width = Dim.Fill(1), Height = Dim.Auto() };
    readonly FittedLabel _logRow;
    readonly ListView _rowList = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill() };
    readonly ListView _logList = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill() };
    readonly StreamWriter? _logFile;
    MainWindow? _window;
    bool _started;

    public RunScreen(TuiOptions options, KubeadmConfig config)
        : this(options, RunSpec.Init(options, config))
    {
    }

    public RunScreen(TuiOptions options, RunSpec spec)
    {
        _options = options;
        _spec = spec;
        _plan = spec.Plan;
        _model = new RunModel(_plan, options.Clock, options.LogPath);
        _logFile = OpenLog(options.LogPath);
        _model.LineLogged += line => _logFile?.WriteLine(line);
        _rowList.SetSource(_rows);
        // the scroll bar shows that there are more phases than the pane holds; the log pane can be one row high, too
        // small for a scroll bar (Terminal.Gui then stops following the tail)
        _rowList.ViewportSettings |= ViewportSettingsFlags.HasVerticalScrollBar;
        _logList.SetSource(_log);
        Sideways.Scrollable(_logList);
        _logRow = new FittedLabel(_model.LogRow) { X = 1, Width = Dim.Fill(1) };
        // the log pane follows the tail: a layout that shrinks it (the outcome appearing) must not hide the newest line
        _logList.FrameChanged += (_, _) => FollowTail();
        // and leaving the log (Tab) goes back to the tail at once, not when the next line arrives
        _logList.HasFocusChanged += (_, e) =>
        {
            if (!e.NewValue)
            {
                FollowTail();
            }
        };
    }

    /// <summary>The phase rows as the list shows them, for tests (a changed row is replaced, the others stay).</summary>
    internal ObservableCollection<string> RowTexts => _rows;

    public RunModel Model => _model;

    /// <summary>The log pane, for tests.</summary>
    internal View LogList => _logList;

    public string Heading => _model.Finished
        ? _model.Succeeded ? _spec.DoneHeading : "Failed: the run stopped"
        : $"Running {_spec.Verb} on {_spec.Target}";

    public string Verb => _spec.Verb;

    public string NextText => _model.Finished ? "_Quit" : "";

    public bool CanGoBack => false;

    public bool Busy => _started && !_model.Finished;

    public string Keys => _model.Finished ? "Enter: quit   Tab: move to the log   arrows: scroll" : "Esc: cancel and quit";

    /// <summary>The running workflow, for tests.</summary>
    public Task? Running { get; private set; }

    public void Build(View body)
    {
        var phases = new FrameView { Title = "Phases", X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Percent(40), TabStop = TabBehavior.TabStop };
        phases.Add(_rowList);
        _progress.Y = Pos.Bottom(phases);
        _status.Y = Pos.Bottom(_progress);
        _outcome.Y = Pos.Bottom(_status);
        _logRow.Y = Pos.Bottom(_outcome);
        // frames are tab groups (F6) by default: as plain tab stops, Tab walks phases, log and buttons as the key line says
        var log = new FrameView
        {
            Title = "Log", X = 0, Y = Pos.Bottom(_logRow), Width = Dim.Fill(), Height = Dim.Fill(), TabStop = TabBehavior.TabStop,
        };
        log.Add(_logList);
        if (_options.Ascii)
        {
            phases.BorderStyle = Terminal.Gui.Drawing.LineStyle.Single;
            log.BorderStyle = Terminal.Gui.Drawing.LineStyle.Single;
        }

        body.Add(phases, _progress, _status, _outcome, _logRow, log);
        Update();
    }

    public void Focus(View body)
    {
        if (body.SuperView is MainWindow window && !_started)
        {
            _window = window;
            Start(window);
        }

        _rowList.SetFocus();
    }

    void Start(MainWindow window)
    {
        _started = true;
        var app = window.App;
        var progress = new UiProgress<PhaseEvent>(app, e =>
        {
            _model.Apply(e);
            Update();
        });
        var notes = new UiProgress<string>(app, line =>
        {
            _model.Note(line);
            Update();
        });
        Running = Task.Run(async () =>
        {
            WorkflowResult result;
            try
            {
                result = await _spec.Run(progress, notes, _cancel.Token);
            }
            catch (OperationCanceledException e)
            {
                result = new WorkflowResult(new PhaseError(CurrentPhase(), "cancelled", null, e));
            }
#pragma warning disable CA1031 // a bug outside the phases must still end the run on screen, not leave it "running"
            catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                result = new WorkflowResult(new PhaseError(CurrentPhase(), $"{e.GetType().Name}: {e.Message}", "the log has the details", e));
            }

            Post(app, () =>
            {
                if (result.Error?.Exception is { } exception)
                {
                    // the stack trace is for the log file only; the screen has the message and the hint
                    _logFile?.WriteLine(exception.ToString());
                }

                _model.Complete(result);
                _logFile?.Flush();
                window.Refresh();
            });
        });
        app?.AddTimeout(TimeSpan.FromSeconds(1), () =>
        {
            // a tick changes only the elapsed time; events update the rows
            if (!_model.Finished)
            {
                _status.Text = _model.Status;
            }

            return !_model.Finished;
        });
    }

    PhaseId CurrentPhase() => _model.Rows.FirstOrDefault(r => r.State == PhaseState.Running)?.Id ?? _plan.Phases[0].Phase.Id;

    static void Post(Terminal.Gui.App.IApplication? app, Action action)
    {
        if (app is null)
        {
            action();
            return;
        }

        app.Invoke(action);
    }

    void Update()
    {
        // replace only the rows whose text changed: the list redraws what changed, and keeps its scroll position
        for (var i = 0; i < _model.Rows.Count; i++)
        {
            var text = _model.Rows[i].ToString();
            if (i == _rows.Count)
            {
                _rows.Add(text);
            }
            else if (!string.Equals(_rows[i], text, StringComparison.Ordinal))
            {
                _rows[i] = text;
            }
        }

        for (var i = _log.Count; i < _model.Log.Count; i++)
        {
            _log.Add(_model.Log[i]);
        }

        FollowTail();

        // keep the phase that runs (or failed, or was done last) in view
        var rows = _model.Rows.ToList();
        var running = rows.FindIndex(r => r.State is PhaseState.Running or PhaseState.Failed);
        running = running >= 0 ? running : rows.FindLastIndex(r => r.State == PhaseState.Done);
        if (running >= 0)
        {
            _rowList.SelectedItem = running;
        }

        _progress.Fraction = _model.Fraction;
        _status.Text = _model.Status;
        _outcome.Text = string.Join('\n', _model.Outcome(_spec.Success));
        _logRow.Height = _model.Finished ? 1 : 0;
        _logRow.Refit();
        _window?.SetNeedsDraw();
    }

    /// <summary>Shows the newest log line, unless the user moved into the log to read it.</summary>
    void FollowTail()
    {
        if (_log.Count > 0 && !_logList.HasFocus)
        {
            _logList.MoveEnd();
        }
    }

    public void Commit(View body)
    {
    }

    public void Next(MainWindow window)
    {
        if (_model.Finished)
        {
            window.Quit();
        }
    }

    public void Back(MainWindow window)
    {
    }

    public void Cancel()
    {
        _cancel.Cancel();
        _logFile?.Flush();
    }

    static StreamWriter? OpenLog(string path)
    {
        try
        {
            // owner-only, and never through a file someone else made first
            var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            return new StreamWriter(file) { AutoFlush = true };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    sealed class UiProgress<T>(Terminal.Gui.App.IApplication? app, Action<T> apply) : IProgress<T>
    {
        public void Report(T value) => Post(app, () => apply(value));
    }
}
