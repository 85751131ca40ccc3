using Kiln.Phases.Config;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kiln.TestKit;

/// <summary>Phase contexts over a memory root, a fake clock and a recorder.</summary>
public static class TestContexts
{
    public static DateTimeOffset Epoch { get; } = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static (PhaseContext Context, RecordingProgress Events, FakeTimeProvider Clock) Create(
        KubeadmConfig? config = null, ITargetRoot? target = null, TargetKinds kind = TargetKinds.LiveNode)
    {
        var events = new RecordingProgress();
        var clock = new FakeTimeProvider(Epoch);
        var context = new PhaseContext(config ?? new KubeadmConfig(), target ?? new MemoryRoot(), NullLogger.Instance, events, clock, kind);
        return (context, events, clock);
    }
}
