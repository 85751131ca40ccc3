using System.Text.RegularExpressions;
using Kiln.Cli.Rendering;
using Kiln.Phases;
using Kiln.Phases.Targets;
using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public partial class TranscriptTests
{
    [Fact]
    public async Task DryRunTranscript_SingleNodeInit_MatchesGolden()
    {
        var (_, events) = await PhaseRuns.RunAsync(Workflows.Init, InitConfigs.Load(), new MemoryRoot());

        var lines = new EventLines(TextWriter.Null) { DryRun = true };
        var transcript = string.Join('\n', events.Select(lines.Format).Select(l => Took().Replace(l, "done in <t>")));

        Snapshot.Match(transcript, "runs/init-dry-run");
        Assert.DoesNotContain("PRIVATE KEY", transcript, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"done in [0-9.]+s", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Took();
}
