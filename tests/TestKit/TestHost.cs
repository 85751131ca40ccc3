namespace Kiln.TestKit;

/// <summary>Fixed host facts so tests never depend on the machine they run on.</summary>
public static class TestHost
{
    public static Kiln.Phases.Config.HostFacts Facts { get; } = new("node1", "10.0.0.10");
}
