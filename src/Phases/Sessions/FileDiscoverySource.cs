using Kiln.Phases.Config.Model;
using Kiln.Phases.Join;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.Tokens;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Sessions;

/// <summary>
/// File discovery: a kubeconfig naming the cluster and its CA, from a file or, as kubeadm allows, an https URL fetched
/// with the host's trusted CAs (plain http is refused). The file came out of band or over verified TLS, so its CA is
/// trusted as given (cmd/kubeadm/app/discovery/file/file.go); then the cluster is read as the token.
/// </summary>
/// <param name="Location">An absolute path or an https URL.</param>
/// <param name="TlsBootstrapToken">The token the cluster is read with.</param>
/// <param name="Timeout">How long a URL may take to answer.</param>
public sealed record FileDiscoverySource(string Location, BootstrapTokenString TlsBootstrapToken, TimeSpan Timeout) : IDiscoverySource
{
    const string Hint = "pass the kubeconfig a control-plane node exported (kube-public/cluster-info holds one)";

    /// <inheritdoc/>
    public string Describe => $"the discovery kubeconfig {Location}";

    /// <inheritdoc/>
    public async Task<FoundCluster> FindAsync(IProgress<DiscoveryNote> notes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var bytes = await ReadAsync(notes, cancellationToken);
        var (document, problem) = KubeConfigReader.Read(Location, bytes);
        if (document is not { Clusters.Count: 1 } || document.Clusters[0].Cluster.CertificateAuthorityData is not { } ca)
        {
            throw new PhaseException($"{Location}: the discovery file must hold exactly one cluster with certificate-authority-data{(problem is null ? "" : $" ({problem})")}", Hint);
        }

        var found = new DiscoveredCluster(document.Clusters[0].Cluster.Server, Convert.FromBase64String(ca), null);
        return await ClusterReads.ReadAsync(found, TlsBootstrapToken, cancellationToken);
    }

    /// <summary>Prints without the token.</summary>
    public override string ToString() => Describe;

    async Task<byte[]> ReadAsync(IProgress<DiscoveryNote> notes, CancellationToken ct)
    {
        if (!FileDiscovery.IsUrl(Location))
        {
            try
            {
                return await File.ReadAllBytesAsync(Location, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PhaseException($"{Location}: {e.Message}", Hint, e);
            }
        }

        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            var bytes = await http.GetByteArrayAsync(new Uri(Location), ct);
            notes.Report(new(DiscoveryNoteKind.Progress, $"read the discovery kubeconfig from {Location} (its server certificate is trusted by this host)"));
            return bytes;
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is System.Security.Authentication.AuthenticationException
                ? "its server certificate is not trusted by this host"
                : e.StatusCode is { } status ? $"HTTP {(int)status} {status}" : e.Message;
            throw new PhaseException($"cannot read the discovery kubeconfig from {Location}: {reason}", Hint, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new PhaseException($"cannot read the discovery kubeconfig from {Location}: no answer in {Timeout.TotalSeconds:0}s", Hint, e);
        }
    }
}
