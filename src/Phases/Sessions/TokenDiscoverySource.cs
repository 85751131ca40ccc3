using Kiln.Phases.Join;
using Kiln.Phases.Tokens;

namespace Kiln.Phases.Sessions;

/// <summary>Token discovery: the signed <c>cluster-info</c> checked against the CA pins, then the cluster read as the token.</summary>
/// <param name="Endpoint">The API server, host:port.</param>
/// <param name="Token">The discovery token.</param>
/// <param name="Pins">Accepted CA pins; empty only when <paramref name="UnsafeSkipCaVerification"/>.</param>
/// <param name="UnsafeSkipCaVerification">Trust whatever CA the signed cluster-info names.</param>
/// <param name="TlsBootstrapToken">The token the cluster is read with (the TLS bootstrap's).</param>
/// <param name="Wait">How long and how often to wait for the signature.</param>
public sealed record TokenDiscoverySource(string Endpoint, BootstrapTokenString Token, IReadOnlyList<string> Pins, bool UnsafeSkipCaVerification,
    BootstrapTokenString TlsBootstrapToken, DiscoveryWait Wait) : IDiscoverySource
{
    /// <inheritdoc/>
    public string Describe => $"cluster-info from {Endpoint}, signed by token {Token.Id}" + (UnsafeSkipCaVerification ? ", CA not pinned" : ", CA pinned");

    /// <inheritdoc/>
    public async Task<FoundCluster> FindAsync(IProgress<DiscoveryNote> notes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notes);
        if (UnsafeSkipCaVerification)
        {
            notes.Report(new(DiscoveryNoteKind.UnpinnedCa,
                "the cluster CA is trusted without a pin; anyone who can answer at the endpoint with a valid token signature can impersonate the cluster"));
        }

        notes.Report(new(DiscoveryNoteKind.Progress, $"reading cluster-info from {Endpoint} (waiting up to {Wait.Timeout.TotalSeconds:0}s)"));
        var found = await TokenDiscovery.DiscoverAsync(Endpoint, Token, Pins, UnsafeSkipCaVerification, Wait.Timeout, Wait.Interval, Wait.Clock, cancellationToken,
            new Relay(notes));
        notes.Report(new(DiscoveryNoteKind.Progress, $"cluster-info from {Endpoint} is signed by token {Token.Id}"
            + (found.Pin is null ? "; CA not pinned" : $"; CA matches {found.Pin}")));
        return await ClusterReads.ReadAsync(found, TlsBootstrapToken, cancellationToken);
    }

    /// <summary>Prints without the tokens.</summary>
    public override string ToString() => Describe;

    sealed class Relay(IProgress<DiscoveryNote> notes) : IProgress<string>
    {
        public void Report(string value) => notes.Report(new(DiscoveryNoteKind.Progress, value));
    }
}
