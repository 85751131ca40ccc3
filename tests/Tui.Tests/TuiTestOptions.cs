using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.TestKit;
using Kiln.Tui.Models;

namespace Kiln.Tui.Tests;

/// <summary>Options for tests: fixed host facts and choices, a given runner, a log in a temp dir.</summary>
public static class TuiTestOptions
{
    public static HostChoices Choices { get; } = new(["10.0.0.10", "192.168.1.20"], ["unix:///var/run/containerd/containerd.sock"]);

    public static KubeadmConfig Defaults =>
        ConfigDefaults.Apply(new KubeadmConfig { Init = new InitConfiguration(), Cluster = new ClusterConfiguration() }, TestHost.Facts);

    public static TuiOptions Create(IInitRunner runner, string logPath, ConfigLoadResult? loaded = null, string workingDirectory = "/") =>
        new(loaded, loaded?.Config ?? Defaults, TestHost.Facts, Choices, runner, logPath) { WorkingDirectory = workingDirectory };

    public static ConfigLoadResult Load(string yaml) => ConfigLoader.Load("cluster.yaml", yaml, TestHost.Facts);

    public static string Complete { get; } = InitConfigs.Text(clusterYaml: "networking:\n  podSubnet: 10.244.0.0/16");
}
