using System.Collections.Concurrent;
using Kiln.Phases.Live;

namespace Kiln.TestKit;

/// <summary>A service manager for machines without systemd: records what Kiln asked of it (a unit-test fake).</summary>
public sealed class RecordingServices : IServiceManager
{
    readonly ConcurrentQueue<string> _calls = new();

    /// <summary>"stop kubelet", "restart kubelet", ... in order.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public Task StopAsync(string unit, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"stop {unit}");
        return Task.CompletedTask;
    }

    public Task RestartAsync(string unit, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"restart {unit}");
        return Task.CompletedTask;
    }

    public Task<bool> IsEnabledAsync(string unit, CancellationToken cancellationToken) => Task.FromResult(true);
}
