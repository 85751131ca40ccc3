using Kiln.Phases.Cluster;

namespace Kiln.Phases.Live;

/// <summary>
/// Where the secrets a user must see go: a certificate key the run made, and the join commands (they hold the token).
/// Never an event, never a log line; each front end decides how to show them, or not to.
/// </summary>
public interface ISecretSink
{
    /// <summary>Where the secrets go, for a note that names no secret (for example "printed on standard output").</summary>
    string Destination { get; }

    /// <summary>The certificate key this run made to seal kubeadm-certs.</summary>
    void CertificateKey(string key);

    /// <summary>The join commands, control plane first when there is one.</summary>
    void JoinCommands(IReadOnlyList<JoinCommand> commands);
}
