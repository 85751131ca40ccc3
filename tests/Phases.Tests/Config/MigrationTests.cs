using Kiln.Phases.Config;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Config;

public class MigrationTests
{
    static readonly string s_dir = Repo.File("tests", "Phases.Tests", "Config", "Fixtures", "migrate");

    [Theory]
    [InlineData("v1beta3-init")]
    [InlineData("v1beta3-join")]
    [InlineData("v1beta3-cluster-only")]
    [InlineData("v1beta4-roundtrip")]
    [InlineData("v1beta3-for-1-37")]
    public void Migrate_Fixture_MatchesGoldenAndReloadsCleanly(string name)
    {
        var text = File.ReadAllText(Path.Combine(s_dir, name + ".yaml"));

        var (yaml, result) = ConfigMigration.Migrate(name + ".yaml", text, TestHost.Facts);

        Assert.False(result.HasErrors, result.Render());
        Assert.NotNull(yaml);
        Snapshot.Match(yaml, $"migrate/{name}", "yaml");
        var again = ConfigLoader.Load("migrated.yaml", yaml, TestHost.Facts);
        Assert.False(again.HasErrors, again.Render());
        var (twice, _) = ConfigMigration.Migrate("migrated.yaml", yaml, TestHost.Facts);
        Assert.Equal(yaml, twice);
    }

    [Fact]
    public void Migrate_V1Beta3ExtraArgsMap_BecomesListSortedByName()
    {
        var text = File.ReadAllText(Path.Combine(s_dir, "v1beta3-init.yaml"));

        var config = ConfigLoader.Load("f.yaml", text, TestHost.Facts).Config!;

        Assert.Equal(["audit-log-maxage", "audit-log-path"], config.Cluster!.ApiServer.ExtraArgs!.Select(a => a.Name), StringComparer.Ordinal);
        Assert.Equal("30", config.Cluster.ApiServer.ExtraArgs![0].Value);
        Assert.Equal(["cgroup-driver", "node-ip"], config.Init!.NodeRegistration.KubeletExtraArgs!.Select(a => a.Name), StringComparer.Ordinal);
    }

    [Fact]
    public void Migrate_V1Beta3Timeouts_MoveToTimeoutsStruct()
    {
        var init = ConfigLoader.Load("i.yaml", File.ReadAllText(Path.Combine(s_dir, "v1beta3-init.yaml")), TestHost.Facts).Config!;
        var join = ConfigLoader.Load("j.yaml", File.ReadAllText(Path.Combine(s_dir, "v1beta3-join.yaml")), TestHost.Facts).Config!;

        Assert.Equal(TimeSpan.FromMinutes(6), init.Init!.Timeouts!.ControlPlaneComponentHealthCheck!.Value.Value);
        Assert.Equal(TimeSpan.FromMinutes(2), join.Join!.Timeouts!.Discovery!.Value.Value);
        Assert.Equal(TimeSpan.FromMinutes(5), join.Join.Timeouts.TlsBootstrap!.Value.Value);
    }

    [Fact]
    public void Migrate_V1Beta3EmptyTaints_StayAnEmptyList()
    {
        var (yaml, _) = ConfigMigration.Migrate("i.yaml", File.ReadAllText(Path.Combine(s_dir, "v1beta3-init.yaml")), TestHost.Facts);

        Assert.Contains("  taints: []\n", yaml, StringComparison.Ordinal);
    }
}
