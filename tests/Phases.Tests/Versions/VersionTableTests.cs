using Kiln.Phases.Versions;

namespace Kiln.Phases.Tests.Versions;

public class VersionTableTests
{
    [Theory]
    [InlineData("v1.33.5", "3.5.21-0", "v1.12.0", "3.10")]
    [InlineData("v1.33.6", "3.5.24-0", "v1.12.0", "3.10")]
    [InlineData("v1.34.1", "3.6.4-0", "v1.12.1", "3.10.1")]
    [InlineData("v1.34.9", "3.6.5-0", "v1.12.1", "3.10.1")]
    [InlineData("v1.35.0", "3.6.6-0", "v1.13.1", "3.10.1")]
    [InlineData("v1.35.7", "3.6.6-0", "v1.13.1", "3.10.1")]
    [InlineData("v1.36.3", "3.6.8-0", "v1.14.2", "3.10.2")]
    [InlineData("v1.37.0", "3.7.0-0", "v1.14.6", "3.10.2")]
    [InlineData("v1.38.0", "3.7.1-0", "v1.14.7", "3.10.2")]
    public void EntryFor_Version_GivesReferenceImages(string version, string etcd, string coredns, string pause)
    {
        var entry = VersionTable.EntryFor(KubernetesVersion.Parse(version));

        Assert.Equal((etcd, coredns, pause), (entry.Etcd, entry.CoreDns, entry.Pause));
    }

    [Theory]
    [InlineData("v1.32.10", false)]
    [InlineData("v1.31.0", false)]
    [InlineData("v1.33.0", true)]
    [InlineData("1.35.3", true)]
    [InlineData("v1.37.0", true)]
    [InlineData("v1.38.2", true)]
    [InlineData("v1.39.0", false)]
    [InlineData("v1.38.0-rc.1", false)]
    [InlineData("v2.35.0", false)]
    public void IsSupported_Version_FollowsTheTable(string version, bool supported) =>
        Assert.Equal(supported, VersionTable.IsSupported(KubernetesVersion.Parse(version)));

    [Fact]
    public void Default_IsTheNewestPatchOfTheNewestReleasedMinor()
    {
        // v1.38 is planned for 2026-12-16, after the table's day: the default stays on v1.37 until the table moves
        Assert.Equal(KubernetesVersion.Parse("v1.37.0"), VersionTable.Default);
        Assert.Equal("v1.33.0 to v1.38.x", VersionTable.SupportedRange);
        Assert.Equal("v1.35 to v1.37", VersionTable.InSupportRange);
    }

    [Theory]
    [InlineData("v1.33.1", "Kubernetes v1.33 is end of life since 2026-06-28")]
    [InlineData("v1.34.10", "Kubernetes v1.34 is end of life since 2026-10-28")]
    [InlineData("v1.38.0", "Kubernetes v1.38 is not released yet (planned for 2026-12-16)")]
    [InlineData("v1.36.9", "Kubernetes v1.36.9 is newer than the newest v1.36 patch Kiln knows (v1.36.3)")]
    public void SupportWarning_EndOfLifeOrUnreleased_SaysSoWithTheDate(string version, string expected) =>
        Assert.StartsWith(expected, VersionTable.SupportWarning(KubernetesVersion.Parse(version)), StringComparison.Ordinal);

    [Theory]
    [InlineData("v1.35.0")]
    [InlineData("v1.36.3")]
    [InlineData("v1.37.0")]
    public void SupportWarning_SupportedKnownPatch_IsNone(string version) =>
        Assert.Null(VersionTable.SupportWarning(KubernetesVersion.Parse(version)));

    [Fact]
    public void RetiredHint_V132_SaysToUpgradeFirst()
    {
        Assert.Contains("end of life since 2026-02-28", VersionTable.RetiredHint(KubernetesVersion.Parse("v1.32.4")), StringComparison.Ordinal);
        Assert.Contains("upgrade the cluster to v1.33", VersionTable.RetiredHint(KubernetesVersion.Parse("v1.31.0")), StringComparison.Ordinal);
        Assert.Null(VersionTable.RetiredHint(KubernetesVersion.Parse("v1.30.0")));
    }

    [Fact]
    public void Minors_EndOfLife_Is14MonthsAfterReleaseOnThe28th()
    {
        Assert.All(VersionTable.Minors, m =>
            Assert.Equal(new DateOnly(m.Released.Year, m.Released.Month, 28).AddMonths(14), m.EndOfLife));
    }

    [Fact]
    public void Traits_PerMinor_MatchTheReleases()
    {
        static MinorTraits T(string v) => VersionTable.TraitsFor(KubernetesVersion.Parse(v));
        Assert.True(T("v1.34.0").PodInfraContainerImageFlag);
        Assert.False(T("v1.35.0").PodInfraContainerImageFlag);
        Assert.True(T("v1.35.0").FlexVolumeMount);
        Assert.False(T("v1.36.0").FlexVolumeMount);
        Assert.True(T("v1.36.0").ReadsV1Beta3);
        Assert.False(T("v1.37.0").ReadsV1Beta3);
        Assert.False(T("v1.36.0").KubeletApiAdminBinding);
        Assert.True(T("v1.37.0").KubeletApiAdminBinding);
        Assert.Equal(["concurrent-service-syncs"], T("v1.37.0").RemovedControllerManagerFlags);
        Assert.Empty(T("v1.36.0").RemovedControllerManagerFlags);
        Assert.Contains("ECDSA-P384", T("v1.34.0").EncryptionAlgorithms, StringComparer.Ordinal);
        Assert.DoesNotContain("ECDSA-P384", T("v1.33.0").EncryptionAlgorithms, StringComparer.Ordinal);
    }

    [Fact]
    public void Entries_AreSortedAndEveryMinorHasOneRowAndAZeroPatch()
    {
        Assert.Equal(VersionTable.Entries.OrderBy(e => e.From).Select(e => e.From), VersionTable.Entries.Select(e => e.From));
        Assert.All(VersionTable.Entries, e => Assert.Contains(VersionTable.Minors, m => m.Minor == e.From.Minor));
        Assert.All(VersionTable.Minors, m => Assert.Contains(VersionTable.Entries, e => e.From == new KubernetesVersion(1, m.Minor, 0)));
        Assert.Equal(VersionTable.Minors.Select(m => m.Minor).Order(), VersionTable.Minors.Select(m => m.Minor));
    }

    [Theory]
    [InlineData(32, "EtcdLearnerMode", true)]
    [InlineData(33, "EtcdLearnerMode", false)]
    [InlineData(34, "WaitForAllControlPlaneComponents", true)]
    [InlineData(35, "WaitForAllControlPlaneComponents", false)]
    [InlineData(35, "ControlPlaneKubeletLocalMode", true)]
    [InlineData(36, "ControlPlaneKubeletLocalMode", false)]
    [InlineData(36, "NodeLocalCRISocket", true)]
    [InlineData(37, "NodeLocalCRISocket", false)]
    [InlineData(37, "PublicKeysECDSA", false)]
    [InlineData(38, "RootlessControlPlane", true)]
    public void FeatureGates_RemovedGates_AreGoneFromTheirMinor(int minor, string gate, bool known) =>
        Assert.Equal(known, FeatureGates.For(minor).Any(g => string.Equals(g.Name, gate, StringComparison.Ordinal)));
}
