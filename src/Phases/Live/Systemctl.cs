using System.Diagnostics;

namespace Kiln.Phases.Live;

/// <summary><see cref="IServiceManager"/> through <c>systemctl</c>, run with an argument list.</summary>
public sealed class Systemctl : IServiceManager
{
    /// <inheritdoc/>
    public async Task StopAsync(string unit, CancellationToken cancellationToken) => await RunAsync(["stop", unit], check: false, cancellationToken);

    /// <inheritdoc/>
    public async Task RestartAsync(string unit, CancellationToken cancellationToken) => await RunAsync(["restart", unit], check: true, cancellationToken);

    /// <inheritdoc/>
    public async Task<bool> IsEnabledAsync(string unit, CancellationToken cancellationToken) => await RunAsync(["is-enabled", "--quiet", unit], check: false, cancellationToken) == 0;

    static async Task<int> RunAsync(string[] args, bool check, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("systemctl") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        if (HostProbe.System.Which("systemctl") is null)
        {
            return check
                ? throw new Workflow.PhaseException("systemctl is not on PATH", "Kiln drives the kubelet through systemd; install systemd and the kubelet's unit")
                : 127;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("systemctl did not start");
        using (process)
        {
            var error = await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (check && process.ExitCode != 0)
            {
                throw new Workflow.PhaseException($"systemctl {string.Join(' ', args)} failed (exit {process.ExitCode}): {error.Trim()}",
                    "check `systemctl status kubelet` and `journalctl -xeu kubelet`");
            }

            return process.ExitCode;
        }
    }
}
