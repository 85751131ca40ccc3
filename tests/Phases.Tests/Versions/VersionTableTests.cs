using Kiln.Phases.Versions;

namespace Kiln.Phases.Tests.Versions;

public class VersionTableTests
{
    [Theory]
    [InlineData("v1.31.0", "3.5.15-0", "v1.11.1", "3.10")]
    [InlineData("v1.31.13", "3.5.15-0", "v1.11.3", "3.10")]
    [InlineData("v1.31.14", "3.5.24-0", "v1.11.3", "3.10")]
    [InlineData("v1.32.9", "3.5.16-0", "v1.11.3", "3.10")]
    [InlineData("v1.32.10", "3.5.24-0", "v1.11.3", "3.10")]
    [InlineData("v1.33.5", "3.5.21-0", "v1.12.0", "3.10")]
    [InlineData("v1.33.6", "3.5.24-0", "v1.12.0", "3.10")]
    [InlineData("v1.34.1", "3.6.4-0", "v1.12.1", "3.10.1")]
    [InlineData("v1.34.9", "3.6.5-0", "v1.12.1", "3.10.1")]
    public void EntryFor_Version_GivesReferenceImages(string version, string etcd, string coredns, string pause)
    {
        var entry = VersionTable.EntryFor(KubernetesVersion.Parse(version));

        Assert.Equal((etcd, coredns, pause), (entry.Etcd, entry.CoreDns, entry.Pause));
    }

    [Theory]
    [InlineData("v1.30.14", false)]
    [InlineData("v1.31.0", true)]
    [InlineData("1.34.3", true)]
    [InlineData("v1.35.0", false)]
    [InlineData("v1.34.0-rc.1", false)]
    [InlineData("v2.31.0", false)]
    public void IsSupported_Version_FollowsTheTable(string version, bool supported) =>
        Assert.Equal(supported, VersionTable.IsSupported(KubernetesVersion.Parse(version)));

    [Fact]
    public void Traits_PerMinor_MatchReference()
    {
        Assert.False(VersionTable.TraitsFor(KubernetesVersion.Parse("v1.33.0")).Etcd36);
        Assert.True(VersionTable.TraitsFor(KubernetesVersion.Parse("v1.34.0")).Etcd36);
        Assert.Contains("ECDSA-P384", VersionTable.TraitsFor(KubernetesVersion.Parse("v1.34.0")).EncryptionAlgorithms, StringComparer.Ordinal);
        Assert.DoesNotContain("ECDSA-P384", VersionTable.TraitsFor(KubernetesVersion.Parse("v1.33.0")).EncryptionAlgorithms, StringComparer.Ordinal);
    }

    [Fact]
    public void Entries_AreSortedAndEveryMinorHasTraits()
    {
        Assert.Equal(VersionTable.Entries.OrderBy(e => e.From).Select(e => e.From), VersionTable.Entries.Select(e => e.From));
        Assert.All(VersionTable.Entries, e => Assert.Contains(VersionTable.Minors, m => m.Minor == e.From.Minor));
    }
}
