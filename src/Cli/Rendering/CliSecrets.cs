using Kiln.Phases.Cluster;
using Kiln.Phases.Live;

namespace Kiln.Cli.Rendering;

/// <summary>The CLI's secret sink: kubeadm's lines on standard output (a generated certificate key, then the join commands).</summary>
public sealed class CliSecrets(TextWriter output) : ISecretSink
{
    /// <inheritdoc />
    public string Destination => "printed on standard output";

    /// <inheritdoc />
    public void CertificateKey(string key) => output.WriteLine($"[upload-certs] Using certificate key:\n{key}");

    /// <inheritdoc />
    public void JoinCommands(IReadOnlyList<JoinCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        foreach (var command in commands)
        {
            output.WriteLine(Render(command));
        }
    }

    /// <summary>The command line: <c>kiln join ENDPOINT --token T --discovery-token-ca-cert-hash PIN</c> (and the control-plane flags). Holds the token.</summary>
    public static string Render(JoinCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var worker = $"kiln join {command.Endpoint} --token {command.Token} --discovery-token-ca-cert-hash {command.CaPin}";
        return command.CertificateKey is { } key ? $"{worker} --control-plane --certificate-key {key}" : worker;
    }
}
