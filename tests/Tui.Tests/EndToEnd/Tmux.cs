using System.Diagnostics;
using Kiln.TestKit;

namespace Kiln.Tui.Tests.EndToEnd;

/// <summary>A private tmux server running one command in a fixed-size pane; every wait has a timeout.</summary>
public sealed class Tmux : IDisposable
{
    readonly string _socket = $"kiln-test-{Guid.NewGuid():N}";

    public Tmux(int width, int height, IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        if (Tool.Run("sh", "-c", "command -v tmux").ExitCode != 0)
        {
            Assert.Fail("tmux is not installed; eng/install-test-deps.sh installs it");
        }

        // env(1) gives the pane exactly these variables over a minimal base, whatever the test process has
        string[] env = ["env", "-i", $"PATH={Environment.GetEnvironmentVariable("PATH")}", $"HOME={Environment.GetEnvironmentVariable("HOME") ?? "/root"}",
            "DOTNET_CLI_TELEMETRY_OPTOUT=1", "DOTNET_NOLOGO=1", .. environment.Select(e => $"{e.Key}={e.Value}")];
        // the pane stays after kiln exits, so its last words and exit code can be read
        var script = string.Join(' ', env.Concat(command).Select(Quote)) + "; echo \"kiln exited with $?\"; sleep 300";
        Run("new-session", "-d", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture), "-s", "e2e", script);
    }

    public string Capture(bool escapes = false) =>
        Run(escapes ? ["capture-pane", "-p", "-e", "-t", "e2e"] : ["capture-pane", "-p", "-t", "e2e"]).Out;

    public void Keys(params string[] keys) => Run(["send-keys", "-t", "e2e", .. keys]);

    /// <summary>Waits until the screen contains <paramref name="text"/>; fails with the screen after the timeout.</summary>
    public string WaitFor(string text, int timeoutSeconds = 30)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var screen = Capture();
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(timeoutSeconds))
            {
                Assert.Fail($"'{text}' did not appear within {timeoutSeconds}s; the screen:\n{screen}");
            }

            Task.Delay(100).Wait();
        }
    }

    Tool.Result Run(params string[] args)
    {
        var result = Tool.Run("tmux", ["-L", _socket, .. args]);
        Assert.True(result.ExitCode == 0, $"tmux {string.Join(' ', args)}: {result.All}");
        return result;
    }

    static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public void Dispose() => Tool.Run("tmux", "-L", _socket, "kill-server");
}
