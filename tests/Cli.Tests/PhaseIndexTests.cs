using System.Text;
using Kiln.ImageBuilder.Build;
using Kiln.Phases;
using Kiln.Phases.Reset;
using Kiln.Phases.Workflow;
using Kiln.TestKit;

namespace Kiln.Cli.Tests;

/// <summary>docs/architecture.md's phase index is generated from the workflows, so it cannot go stale.</summary>
public class PhaseIndexTests
{
    const string Begin = "<!-- phase-index:begin -->\n";
    const string End = "<!-- phase-index:end -->";

    static readonly Workflow[] s_workflows = [Workflows.Init, Workflows.Join, ResetPhases.Workflow, ImageWorkflows.ControlPlane, ImageWorkflows.Worker];

    [Fact]
    public void ArchitectureDoc_PhaseIndex_MatchesTheWorkflows()
    {
        var path = Path.Combine(Repo.Root, "docs/architecture.md");
        var doc = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{path} has no {Begin.Trim()} … {End} section");
        var expected = Render();
        var actual = doc[(start + Begin.Length)..end];
        if (string.Equals(Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS"), "1", StringComparison.Ordinal))
        {
            File.WriteAllText(path, doc[..(start + Begin.Length)] + expected + doc[end..]);
            return;
        }

        Assert.True(string.Equals(expected, actual, StringComparison.Ordinal),
            $"docs/architecture.md's phase index is stale (refresh it with UPDATE_SNAPSHOTS=1):\n{LineDiff.Render(actual, expected)}");
    }

    static string Render()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(Repo.Root, f), Text: File.ReadAllText(f))).ToList();
        string FileOf(PhaseDefinition phase)
        {
            var type = phase.RunAsync.Method.DeclaringType!;
            while (type.DeclaringType is { } outer)
            {
                type = outer;
            }

            return sources.FirstOrDefault(s => s.Text.Contains($"class {type.Name}", StringComparison.Ordinal)).Path ?? type.Name;
        }

        // one row per phase value: init's and join's preflight share an id, not their work
        var rows = s_workflows.SelectMany(w => w.Phases.Select(p => (Workflow: w, Phase: p, File: FileOf(p))))
            .GroupBy(x => (x.Phase.Id.Value, x.File))
            .Select(g => (Id: g.Key.Value, g.First().Phase, g.Key.File, Workflows: string.Join(", ", g.Select(x => x.Workflow.Name).Distinct(StringComparer.Ordinal))))
            .ToList();
        var sb = new StringBuilder("| phase | workflows | needs | skip rule | source |\n|---|---|---|---|---|\n");
        foreach (var (id, phase, file, workflows) in rows)
        {
            sb.Append(Row(id, workflows, SkipReason.Words(phase.Needs), phase.SkipReason is null ? "-" : "by config or run", file));
        }

        return sb.ToString();
    }

    static string Row(string id, string workflows, string needs, string skip, string file) =>
        $"| `{id}` | {workflows} | {needs} | {skip} | `{file}` |\n";
}
