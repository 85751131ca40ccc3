using System.Diagnostics;
using Kiln.TestKit;

namespace Kiln.Reliability.Tests.Kill;

/// <summary>
/// Runs the published kiln and sends it SIGKILL after a delay, with the tools it is running (as systemd or a container
/// runtime stops a unit's whole cgroup); or lets it finish when it ends first.
/// </summary>
public static class KilledRun
{
    public sealed record Outcome(bool Killed, int? ExitCode, TimeSpan Ran, string Output);

    public static async Task<Outcome> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan? killAfter, params string[] args)
    {
        var start = Tool.StartInfo(workingDirectory, environment, PublishedKiln.Path, args);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start kiln");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        // a bound for a hang, not a timing assert
        var limit = killAfter ?? TimeSpan.FromMinutes(2);
        var first = await Task.WhenAny(exited, Task.Delay(limit));
        var killed = false;
        if (first != exited)
        {
            if (killAfter is null)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kiln {string.Join(' ', args)} did not finish in {limit}");
            }

            try
            {
                process.Kill(entireProcessTree: true);
                killed = true;
            }
            catch (InvalidOperationException)
            {
                // it ended between the check and the kill
            }
        }

        await exited;
        var ran = clock.Elapsed;
        var output = await stdout + await stderr;
        return new Outcome(killed, killed ? null : process.ExitCode, ran, output);
    }
}
