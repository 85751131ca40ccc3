using Kiln.Phases.Tokens;

namespace Kiln.Phases.Join;

/// <summary>What the join phases need from outside the config: where the cluster is, its CA, the token, the kubelet config.</summary>
/// <param name="Server">API server URL for the TLS bootstrap.</param>
/// <param name="CaPem">The cluster CA, PEM.</param>
/// <param name="Token">The TLS bootstrap token; a secret.</param>
/// <param name="KubeletConfig">The cluster's KubeletConfiguration (the kubelet-config ConfigMap's <c>kubelet</c> key).</param>
public sealed record JoinInputs(string Server, byte[] CaPem, BootstrapTokenString Token, string KubeletConfig)
{
    /// <summary>Prints without the token.</summary>
    public override string ToString() => $"join {Server} with token {Token.Id}";
}
