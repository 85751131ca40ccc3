using Kiln.ImageBuilder.Tools;

namespace Kiln.ImageBuilder.Tests.Build;

public class ToolRunnerTests
{
    [Fact]
    public async Task MissingTool_IsOneLineNamingItsPackage()
    {
        var runner = new ToolRunner(Images.Epoch);

        var e = await Assert.ThrowsAsync<ImageBuildException>(() => runner.RunAsync("kiln-no-such-tool", [], CancellationToken.None));

        Assert.Equal("kiln-no-such-tool not found: install the Debian package kiln-no-such-tool (apt-get install kiln-no-such-tool)", e.Message);
        Assert.Equal("e2fsprogs", ToolRunner.PackageOf("debugfs"));
        Assert.Equal("qemu-utils", ToolRunner.PackageOf("qemu-img"));
    }

    [Fact]
    public async Task Tools_RunInACleanEnvironmentWithTheEpoch()
    {
        var runner = new ToolRunner(Images.Epoch);

        var result = await runner.RunAsync("env", [], CancellationToken.None);

        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["E2FSPROGS_FAKE_TIME=1767225600", "LC_ALL=C", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "SOURCE_DATE_EPOCH=1767225600", "TZ=UTC"], lines);
    }
}
