using Kiln.Phases.Config.Model;

namespace Kiln.Phases.Config;

/// <summary>What kubeadm.k8s.io/v1beta3 lacks or spells differently compared with v1beta4 (cmd/kubeadm/app/apis/kubeadm/v1beta4/doc.go).</summary>
internal static class V1Beta3
{
    internal const string ApiVersion = "kubeadm.k8s.io/v1beta3";

    static readonly HashSet<(Type, string)> s_newInV1Beta4 =
    [
        (typeof(ControlPlaneComponent), "extraEnvs"),
        (typeof(ApiServer), "extraEnvs"),
        (typeof(LocalEtcd), "extraEnvs"),
        (typeof(InitConfiguration), "dryRun"),
        (typeof(InitConfiguration), "timeouts"),
        (typeof(JoinConfiguration), "dryRun"),
        (typeof(JoinConfiguration), "timeouts"),
        (typeof(NodeRegistrationOptions), "imagePullSerial"),
        (typeof(ClusterConfiguration), "encryptionAlgorithm"),
        (typeof(ClusterConfiguration), "certificateValidityPeriod"),
        (typeof(ClusterConfiguration), "caCertificateValidityPeriod"),
        (typeof(ClusterConfiguration), "proxy"),
        (typeof(Dns), "disabled"),
    ];

    /// <summary>Kinds that only exist from v1beta4 on.</summary>
    internal static readonly string[] NewKinds = ["ResetConfiguration", "UpgradeConfiguration"];

    internal static bool IsNewInV1Beta4(Yaml.YamlFields.Field field) =>
        s_newInV1Beta4.Contains((field.Property.DeclaringType!, field.Name));
}
