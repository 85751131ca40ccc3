using System.Net;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;

namespace Kiln.Tui.Models;

/// <summary>
/// What the join fields hold: plain text, possibly invalid. <see cref="Apply"/> makes the JoinConfiguration
/// <c>kiln join</c> would make from the same values given as flags.
/// </summary>
public sealed class JoinDraft
{
    public const string TokenDiscovery = "token";
    public const string FileDiscovery = "file";
    public const string NodeIpArg = "node-ip";

    public string Discovery { get; set; } = TokenDiscovery;
    public string Endpoint { get; set; } = "";
    public string Token { get; set; } = "";
    public string CaCertHashes { get; set; } = "";
    public string DiscoveryFile { get; set; } = "";
    public string NodeName { get; set; } = "";
    public string NodeAddress { get; set; } = "";
    public string CriSocket { get; set; } = "";

    public bool ByFile => string.Equals(Discovery.Trim(), FileDiscovery, StringComparison.Ordinal);

    /// <summary>
    /// The JoinConfiguration, defaulted for <paramref name="host"/>: token discovery (endpoint, token, CA pins) or a
    /// discovery file or https URL (a relative path is taken from <paramref name="workingDirectory"/>) with the token
    /// for the TLS bootstrap; the node address, when given, is the kubelet's <c>--node-ip</c>.
    /// </summary>
    public JoinConfiguration Apply(HostFacts? host, string workingDirectory, ICollection<ConfigError> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (!ByFile && !string.Equals(Discovery.Trim(), TokenDiscovery, StringComparison.Ordinal))
        {
            findings.Add(Finding("discovery", $"'{Discovery.Trim()}' is not a discovery method", "token or file"));
        }

        var address = Text(NodeAddress);
        if (address is not null && !IPAddress.TryParse(address, out _))
        {
            findings.Add(Finding(JoinFields.NodeIpField, $"'{address}' is not an IP address", "an address of this host, e.g. 10.0.0.21 (F2 offers them)"));
        }

        var file = Text(DiscoveryFile);
        var discovery = ByFile
            ? new Discovery
            {
                File = new Phases.Config.Model.FileDiscovery
                {
                    KubeConfigPath = file is null || Phases.Config.Model.FileDiscovery.IsUrl(file) ? file : Path.GetFullPath(file, workingDirectory),
                },
                TlsBootstrapToken = Text(Token),
            }
            : new Discovery
            {
                BootstrapToken = new BootstrapTokenDiscovery
                {
                    ApiServerEndpoint = Text(Endpoint),
                    Token = Text(Token),
                    CaCertHashes = List(CaCertHashes),
                },
            };
        var join = new JoinConfiguration
        {
            NodeRegistration = new NodeRegistrationOptions
            {
                Name = Text(NodeName),
                CriSocket = Text(CriSocket),
                // the address the kubelet reports, on a host with more than one (kubeadm leaves it to kubeletExtraArgs)
                KubeletExtraArgs = address is null ? null : [new Arg { Name = NodeIpArg, Value = address }],
            },
            Discovery = discovery,
        };
        return ConfigDefaults.Join(join, host);
    }

    static string? Text(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static List<string>? List(string value)
    {
        var items = value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return items.Count == 0 ? null : items;
    }

    static ConfigError Finding(string field, string message, string allowed) =>
        new(SourceLocation.OfFile("(join)"), field, message, allowed);
}
