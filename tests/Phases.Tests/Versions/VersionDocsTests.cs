using Kiln.Phases.Versions;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Versions;

/// <summary>The README and docs/versions.md state what the version table holds, row by row.</summary>
public class VersionDocsTests
{
    static string Read(string path) => File.ReadAllText(Repo.File(path.Split('/')));

    [Fact]
    public void VersionsDoc_MinorRows_MatchTheTable()
    {
        var doc = Read("docs/versions.md");
        foreach (var m in VersionTable.Minors)
        {
            var state = m.EndOfLife <= VersionTable.AsOf ? "end of life: accepted with a warning"
                : m.Released > VersionTable.AsOf ? "not released yet: accepted with a warning"
                : m.Latest == VersionTable.Default ? "supported (default)" : "supported";
            Assert.Contains($"| {m.Line} | {m.Released:yyyy-MM-dd} | {m.EndOfLife:yyyy-MM-dd} | {m.Latest} | {state} |\n", doc, StringComparison.Ordinal);
        }

        Assert.Contains($"The table was last checked on **{VersionTable.AsOf:yyyy-MM-dd}**", doc, StringComparison.Ordinal);
        Assert.Contains($"The default `kubernetesVersion` is the newest patch of the newest released minor: **{VersionTable.Default}**", doc, StringComparison.Ordinal);
        Assert.Contains($"v1.{VersionTable.Retired[0].Minor} and v1.{VersionTable.Retired[^1].Minor} are refused", doc, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionsDoc_ImageRows_MatchTheTable()
    {
        var doc = Read("docs/versions.md");
        var entries = VersionTable.Entries;
        for (var n = 0; n < entries.Count; n++)
        {
            var e = entries[n];
            var next = n + 1 < entries.Count && entries[n + 1].From.Minor == e.From.Minor ? entries[n + 1].From : (KubernetesVersion?)null;
            var range = next is { } x ? $"{e.From} – v1.{x.Minor}.{x.Patch - 1}" : $"{e.From} +";
            Assert.Contains($"| {range} | {e.Etcd} | {e.CoreDns} | {e.Pause} |\n", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Readme_StatesTheRangeAndTheDefault() =>
        Assert.Contains($"Supported Kubernetes versions: {VersionTable.SupportedRange}, default {VersionTable.Default}", Read("README.md"), StringComparison.Ordinal);
}
