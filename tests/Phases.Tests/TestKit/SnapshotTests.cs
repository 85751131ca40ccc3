using Kiln.TestKit;
using Xunit.Sdk;

namespace Kiln.Phases.Tests.TestKit;

public sealed class SnapshotTests
{
    [Fact]
    public void A_missing_golden_fails_and_is_not_created()
    {
        using var dir = new TempDir();
        var error = Assert.ThrowsAny<XunitException>(() => Snapshot.Match("hello\n", "fresh", "txt", dir.Path, update: false));
        Assert.Contains("snapshot fresh is missing", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["fresh.verified.txt"]));
        Assert.Equal("hello\n", File.ReadAllText(dir["fresh.received.txt"]));
    }

    [Fact]
    public void Update_creates_a_missing_golden_and_then_it_matches()
    {
        using var dir = new TempDir();
        Snapshot.Match("hello", "fresh", "txt", dir.Path, update: true);
        Assert.Equal("hello\n", File.ReadAllText(dir["fresh.verified.txt"]));
        Snapshot.Match("hello\n", "fresh", "txt", dir.Path, update: false);
        Assert.False(File.Exists(dir["fresh.received.txt"]));
    }

    [Fact]
    public void A_difference_fails_with_a_diff_and_leaves_the_golden_alone()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["old.verified.txt"], "one\ntwo\n");
        var error = Assert.ThrowsAny<XunitException>(() => Snapshot.Match("one\nthree\n", "old", "txt", dir.Path, update: false));
        Assert.Contains("snapshot old differs", error.Message, StringComparison.Ordinal);
        Assert.Equal("one\ntwo\n", File.ReadAllText(dir["old.verified.txt"]));
        Assert.Equal("one\nthree\n", File.ReadAllText(dir["old.received.txt"]));
    }
}
