using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public class TuiCommandTests
{
    [Fact]
    public void Tui_WithoutATerminal_ExitsTwoAndPointsToInit()
    {
        var result = Cli.Run("tui", "--config", "cluster.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("kiln: tui needs a terminal", result.Err, StringComparison.Ordinal);
        Assert.Contains("kiln init --config FILE", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Tui_UnknownTheme_IsAUsageError()
    {
        var result = Cli.Run("tui", "--theme", "pink");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pink", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Tui_Help_ListsItsOptions()
    {
        var help = Cli.Run("tui", "--help").Out;

        foreach (var option in new[] { "--config", "--rootfs", "--files-only", "--theme" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }

        Assert.Contains("mono (no colour; automatic with NO_COLOR)", help, StringComparison.Ordinal);
        Assert.Contains("tui", Cli.Run("--help").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Tui_JoinOnlyConfig_IsRefusedBeforeTheScreenOpens()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["join.yaml"], "apiVersion: kubeadm.k8s.io/v1beta4\nkind: JoinConfiguration\ndiscovery:\n  bootstrapToken:\n"
            + "    apiServerEndpoint: 10.0.0.1:6443\n    token: abcdef.0123456789abcdef\n    unsafeSkipCAVerification: true\n");

        var result = Cli.RunWith(c => c with { Interactive = true }, dir.Path, "tui", "--config", "join.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("kiln: join.yaml holds no InitConfiguration or ClusterConfiguration", result.Err, StringComparison.Ordinal);
    }
}
