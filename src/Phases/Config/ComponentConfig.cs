using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Config;

/// <summary>A component config (kubelet, kube-proxy) that kubeadm passes through with a few defaults.</summary>
/// <param name="Document">Where it came from.</param>
/// <param name="Tree">The YAML mapping as written.</param>
public sealed record ComponentConfig(ConfigDocument Document, YamlMappingNode Tree);
