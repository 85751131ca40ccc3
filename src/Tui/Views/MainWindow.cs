using Kiln.Tui.Models;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Kiln.Tui.Views;

/// <summary>
/// The one window: a title line, a body that shows the current screen (start, a wizard step, the run), the
/// Back/Next buttons (Next is always the default, so Enter walks forward) and a key-hint line. Esc asks first.
/// </summary>
public sealed class MainWindow : Window
{
    readonly View _body = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(2), CanFocus = true };
    readonly FittedLabel _heading;
    readonly TextLabel _keys = new() { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill() };
    readonly Button _back = new() { Text = "_Back", X = Pos.AnchorEnd(22), Y = Pos.AnchorEnd(2) };
    readonly Button _next = new() { Text = "_Next", X = Pos.AnchorEnd(12), Y = Pos.AnchorEnd(2), IsDefault = true };
    readonly TuiOptions _options;
    IScreen _screen;
    bool _confirmingQuit;

    public MainWindow(TuiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _screen = new StartScreen(options);
        // a long --rootfs keeps the heading to its row, with the end of the path in view
        _heading = new FittedLabel(width => TextFit.Middle(_screen.Heading, width)) { X = 0, Y = 0, Width = Dim.Fill() };
        Title = "Kiln";
        Width = Dim.Fill();
        Height = Dim.Fill();
        if (options.Ascii)
        {
            // the ASCII glyphs replace the single-line set only
            BorderStyle = LineStyle.Single;
        }

        if (options.Theme == TuiTheme.Mono)
        {
            SetScheme(MonoScheme.Create());
        }

        Add(_heading, _body, _back, _next, _keys);
        _next.Accepting += (_, e) =>
        {
            e.Handled = true;
            Forward();
        };
        _back.Accepting += (_, e) =>
        {
            e.Handled = true;
            _screen.Back(this);
        };
        AddCommand(Command.Quit, () =>
        {
            AskQuit();
            return true;
        });
        KeyDown += OnKey;
        Show(_screen);
    }

    public TuiOptions Options => _options;

    /// <summary>The screen on show, for tests.</summary>
    internal IScreen Screen => _screen;

    /// <summary>True once the user chose to quit (the app stops).</summary>
    public bool QuitRequested { get; private set; }

    /// <summary>How the run ended: true when it succeeded, false when it failed, null when none finished.</summary>
    public bool? Outcome => _screen is RunScreen run ? run.Model.Succeeded : null;

    /// <summary>What the run on show runs ("init", "join"), or null before one started.</summary>
    public string? RunVerb => (_screen as RunScreen)?.Verb;

    /// <summary>The run, or a completed task when none started (to wait for it to stop after a cancel).</summary>
    public Task Running => (_screen as RunScreen)?.Running ?? Task.CompletedTask;

    /// <summary>Replaces the body with a screen and focuses its first input.</summary>
    internal void Show(IScreen screen)
    {
        _screen = screen;
        Refresh();
    }

    /// <summary>Redraws the current screen from its model.</summary>
    internal void Refresh()
    {
        _body.RemoveAll();
        _screen.Build(_body);
        _heading.Refit();
        _next.Text = _screen.NextText;
        _back.Visible = _screen.CanGoBack;
        _next.Visible = _screen.NextText.Length > 0;
        _keys.Text = _confirmingQuit ? QuitQuestion : _screen.Keys;
        if (_options.Ascii)
        {
            // shadows are drawn with block glyphs in black: neither is in the serial and mono themes nor in ASCII
            foreach (var button in Buttons(this))
            {
                button.ShadowStyle = ShadowStyles.None;
            }
        }

        _screen.Focus(_body);
        SetNeedsLayout();
        SetNeedsDraw();
    }

    static IEnumerable<Button> Buttons(View view) =>
        view.SubViews.SelectMany(v => v is Button b ? [b] : Buttons(v));

    internal void SetKeys(string text) => _keys.Text = text;

    string QuitQuestion => _screen.Busy
        ? "Quit Kiln? The run is still going and will be cancelled. Y quits; N or Esc stays."
        : "Quit Kiln? Y quits; N or Esc stays.";

    internal void Forward()
    {
        _screen.Commit(_body);
        _screen.Next(this);
    }

    void AskQuit()
    {
        // while the question is up the screen's fields take no keys: Y and N are answers, not text for a field
        if (_confirmingQuit)
        {
            _confirmingQuit = false;
            _body.Enabled = true;
            _keys.Text = _screen.Keys;
            return;
        }

        _confirmingQuit = true;
        _body.Enabled = false;
        _keys.Text = QuitQuestion;
    }

    /// <summary>Stops the application (the caller restores the terminal when Run returns).</summary>
    internal void Quit()
    {
        QuitRequested = true;
        _screen.Cancel();
        App?.RequestStop();
    }

    void OnKey(object? sender, Key key)
    {
        if (key == Key.Esc)
        {
            key.Handled = true;
            if (!_confirmingQuit && _screen.EscGoesBack)
            {
                _screen.Back(this);
                return;
            }

            AskQuit();
            return;
        }

        if (key == Key.Q.WithCtrl)
        {
            key.Handled = true;
            AskQuit();
            return;
        }

        if (_confirmingQuit)
        {
            if (key == Key.Y || key == Key.Y.WithShift)
            {
                key.Handled = true;
                Quit();
            }
            else if (key == Key.N || key == Key.N.WithShift)
            {
                key.Handled = true;
                AskQuit();
            }

            return;
        }

        if (key == Key.F2)
        {
            key.Handled = _screen.Cycle(_body);
        }
    }
}
