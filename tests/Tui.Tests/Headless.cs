using Kiln.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace Kiln.Tui.Tests;

/// <summary>The main window on Terminal.Gui's ANSI driver at a fixed size, with injected keys and virtual time.</summary>
public sealed class Headless : IDisposable
{
    readonly IApplication _app;
    readonly SessionToken? _token;

    public Headless(TuiOptions options, int width = 80, int height = 24)
    {
        Time = new VirtualTimeProvider();
        _app = Application.Create(Time);
        _app.Init(DriverRegistry.Names.ANSI);
        _app.Driver!.SetScreenSize(width, height);
        Window = new MainWindow(options);
        _token = _app.Begin(Window);
    }

    public VirtualTimeProvider Time { get; }

    public MainWindow Window { get; }

    public IApplication App => _app;

    public Headless Press(params Key[] keys)
    {
        foreach (var key in keys)
        {
            _app.InjectKey(key);
        }

        return this;
    }

    public Headless Type(string text)
    {
        foreach (var c in text)
        {
            _app.InjectKey(new Key(c));
        }

        return this;
    }

    /// <summary>Runs the UI thread's queued work (events posted by the run) until <paramref name="done"/> or a timeout.</summary>
    public Headless Pump(Func<bool> done, int timeoutSeconds = 20)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            _app.TimedEvents!.RunTimers();
            if (done())
            {
                return this;
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(timeoutSeconds))
            {
                throw new TimeoutException($"the UI did not get there in {timeoutSeconds}s; screen:\n{Screen()}");
            }

            Task.Delay(10).Wait();
        }
    }

    public void Resize(int width, int height) => _app.Driver!.SetScreenSize(width, height);

    /// <summary>The screen as text, trailing spaces trimmed per line.</summary>
    public string Screen()
    {
        _app.LayoutAndDraw(true);
        var text = _app.Driver!.ToString() ?? "";
        return string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).TrimEnd('\n') + "\n";
    }

    public void Dispose()
    {
        if (_token is not null)
        {
            _app.End(_token);
        }

        Window.Dispose();
        _app.Dispose();
    }
}
