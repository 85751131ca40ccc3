using Kiln.Phases.Live;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Live;

/// <summary>The CRI RuntimeConfig preflight check, against the real Debian containerd (1.6, which lacks the call) and by hand-made answers.</summary>
public class CriRuntimeConfigTests
{
    static async Task<IReadOnlyList<PreflightFinding>> PreflightAsync(string version, string socket)
    {
        var text = InitConfigs.Text(initYaml: $"  criSocket: unix://{socket}\n").Replace("v1.37.0", version, StringComparison.Ordinal);
        var loaded = Kiln.Phases.Config.ConfigLoader.Load("c.yaml", text, TestHost.Facts);
        Assert.False(loaded.HasErrors, loaded.Render());
        var (context, _, _) = TestContexts.Create(loaded.Config!, new MemoryRoot());
        context = context with { Live = new LiveNode(new RecordingServices(), Cluster: null), Phase = PhaseId.Parse("preflight") };
        return await PreflightPhase.InitChecksAsync(context, CancellationToken.None);
    }

    [Theory]
    [InlineData("v1.37.0", false)]
    [InlineData("v1.38.0", true)]
    public async Task Preflight_ContainerdWithoutRuntimeConfig_WarnsThrough137AndFailsFrom138(string version, bool error)
    {
        using var containerd = await RealContainerd.StartAsync();

        var findings = await PreflightAsync(version, containerd.Socket);

        Assert.DoesNotContain(findings, f => string.Equals(f.Check, "CRI", StringComparison.Ordinal));
        var finding = Assert.Single(findings, f => string.Equals(f.Check, "ContainerRuntimeVersion", StringComparison.Ordinal));
        Assert.Equal(error, finding.IsError);
        Assert.Contains($"the container runtime at {containerd.Socket} does not implement the CRI RuntimeConfig call (rpc error: code = Unimplemented", finding.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade it (containerd 2.0 or newer)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_Before135_DoesNotAskTheRuntime()
    {
        using var containerd = await RealContainerd.StartAsync();

        var findings = await PreflightAsync("v1.34.2", containerd.Socket);

        Assert.DoesNotContain(findings, f => f.Check is "CRI" or "ContainerRuntimeVersion");
    }

    [Fact]
    public async Task Preflight_SocketPathNobodyListensOn_IsTheCriError()
    {
        // a leftover file where the socket should be (.NET unlinks the sockets it binds, so a dead socket cannot be left here)
        using var dir = new TempDir("kiln-cri-");
        var path = dir["dead.sock"];
        File.WriteAllText(path, "");

        var findings = await PreflightAsync("v1.37.0", path);

        var finding = Assert.Single(findings, f => f.Check is "CRI" or "ContainerRuntimeVersion");
        Assert.Equal("CRI", finding.Check);
        Assert.True(finding.IsError);
        Assert.StartsWith($"container runtime is not running: {path}: ", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 4, 0x0a, 0x02, 0x08, 0x01 }, "cgroupfs")]
    [InlineData(new byte[] { 0, 0, 0, 0, 4, 0x0a, 0x02, 0x08, 0x00 }, "systemd")]
    [InlineData(new byte[] { 0, 0, 0, 0, 2, 0x0a, 0x00 }, "systemd")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0 }, "systemd")]
    [InlineData(new byte[] { 0, 0, 0, 0, 7, 0x12, 0x01, 0x41, 0x0a, 0x02, 0x08, 0x01 }, "cgroupfs")]
    [InlineData(new byte[] { 0, 0, 0, 0, 4, 0x0a, 0x05, 0x08, 0x01 }, null)]
    [InlineData(new byte[] { 1, 0, 0, 0, 0 }, null)]
    [InlineData(new byte[] { 0, 0, 0 }, null)]
    public void Parse_RuntimeConfigResponse_ReadsTheCgroupDriver(byte[] framed, string? driver) =>
        Assert.Equal(driver, CriRuntimeConfig.Parse(framed));
}
