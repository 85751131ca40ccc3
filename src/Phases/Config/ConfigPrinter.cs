using System.Text;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Config.Yaml;
using Kiln.Phases.Versions;

namespace Kiln.Phases.Config;

/// <summary>Writes configs as kubeadm prints them: <c>config print *-defaults</c>, <c>config migrate</c>.</summary>
public static class ConfigPrinter
{
    /// <summary>Component configs that <c>--component-configs</c> can add.</summary>
    public static IReadOnlyList<string> ComponentKinds { get; } = ["KubeletConfiguration", "KubeProxyConfiguration"];

    /// <summary>Placeholder values kubeadm prints in place of what a real run detects or generates.</summary>
    static readonly NodeRegistrationOptions s_printNode = new() { Name = "node", CriSocket = ConfigDefaults.CriSocket };

    const string PrintToken = "abcdef.0123456789abcdef";

    /// <summary><c>kiln config print init-defaults</c>: InitConfiguration and ClusterConfiguration.</summary>
    public static string InitDefaults()
    {
        var init = ConfigDefaults.Init(new InitConfiguration
        {
            BootstrapTokens = [new BootstrapToken { Token = PrintToken }],
            LocalApiEndpoint = new ApiEndpoint { AdvertiseAddress = "1.2.3.4" },
            NodeRegistration = s_printNode,
        });
        // kubeadm prints the version of its own build as major.minor.0, without the 'v'
        var cluster = ConfigDefaults.Cluster(new ClusterConfiguration
        {
            KubernetesVersion = $"{VersionTable.Default.Major}.{VersionTable.Default.Minor}.0",
        });
        return Join(YamlWriter.Write(init, ConfigLoader.V1Beta4, "InitConfiguration"),
            YamlWriter.Write(cluster, ConfigLoader.V1Beta4, "ClusterConfiguration"));
    }

    /// <summary><c>kiln config print join-defaults</c>.</summary>
    public static string JoinDefaults() => YamlWriter.Write(ConfigDefaults.Join(new JoinConfiguration
    {
        NodeRegistration = s_printNode,
        Discovery = new Discovery
        {
            BootstrapToken = new BootstrapTokenDiscovery { Token = PrintToken, ApiServerEndpoint = "kube-apiserver:6443", UnsafeSkipCaVerification = true },
        },
    }), ConfigLoader.V1Beta4, "JoinConfiguration");

    /// <summary><c>kiln config print reset-defaults</c>.</summary>
    public static string ResetDefaults() =>
        YamlWriter.Write(ConfigDefaults.Reset(new ResetConfiguration()), ConfigLoader.V1Beta4, "ResetConfiguration");

    /// <summary><c>kiln config print upgrade-defaults</c>.</summary>
    public static string UpgradeDefaults() =>
        YamlWriter.Write(ConfigDefaults.Upgrade(new UpgradeConfiguration()), ConfigLoader.V1Beta4, "UpgradeConfiguration");

    /// <summary>The printed defaults of a component config kind.</summary>
    public static string ComponentDefaults(string kind)
    {
        using var stream = typeof(ConfigPrinter).Assembly.GetManifestResourceStream($"{kind}.yaml")
            ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, $"one of {string.Join(", ", ComponentKinds)}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Every document of a config in kubeadm's order, v1beta4, separated by <c>---</c>.</summary>
    public static string Write(KubeadmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var docs = new List<string>();
        Add(docs, config.Init, "InitConfiguration");
        Add(docs, config.Cluster, "ClusterConfiguration");
        Add(docs, config.Join, "JoinConfiguration");
        Add(docs, config.Reset, "ResetConfiguration");
        Add(docs, config.Upgrade, "UpgradeConfiguration");
        if (config.Kubelet is not null)
        {
            docs.Add(YamlWriter.Write(config.Kubelet.Tree));
        }

        if (config.KubeProxy is not null)
        {
            docs.Add(YamlWriter.Write(config.KubeProxy.Tree));
        }

        return Join([.. docs]);
    }

    static void Add(List<string> docs, object? record, string kind)
    {
        if (record is not null)
        {
            docs.Add(YamlWriter.Write(record, ConfigLoader.V1Beta4, kind));
        }
    }

    /// <summary>Joins documents with kubeadm's separator.</summary>
    public static string Join(params string[] documents) => string.Join("---\n", documents);

}
