using Kiln.Phases.Config.Model;
using Kiln.Phases.Tokens;

namespace Kiln.Phases.Sessions;

/// <summary>The discovery source a JoinConfiguration names: file (or https URL) discovery, else bootstrap-token discovery.</summary>
public static class DiscoverySources
{
    /// <summary>The source for <paramref name="join"/>, or the errors that keep it from having one.</summary>
    /// <param name="join">The defaulted JoinConfiguration (a file path in it is absolute).</param>
    /// <param name="tlsToken">The TLS bootstrap token, which reads the cluster once its CA is proved.</param>
    /// <param name="wait">How long and how often discovery waits (its timeout is <c>timeouts.discovery</c> when set).</param>
    public static (IDiscoverySource? Source, IReadOnlyList<SessionError> Errors) For(JoinConfiguration join, BootstrapTokenString tlsToken, DiscoveryWait wait)
    {
        ArgumentNullException.ThrowIfNull(join);
        ArgumentNullException.ThrowIfNull(wait);
        wait = join.Timeouts?.Discovery?.Value is { } timeout ? wait with { Timeout = timeout } : wait;
        var errors = new List<SessionError>();
        if (join.Discovery.File is { KubeConfigPath: { } file })
        {
            return (new FileDiscoverySource(file, tlsToken, wait.Timeout), errors);
        }

        if (join.Discovery.BootstrapToken is not { } discovery)
        {
            errors.Add(new(SessionErrorKind.NoDiscovery, "the JoinConfiguration names no discovery (bootstrapToken or file)"));
            return (null, errors);
        }

        var discoveryToken = BootstrapTokenString.TryParse(discovery.Token);
        if (discoveryToken is null || discovery.ApiServerEndpoint is null)
        {
            errors.Add(new(SessionErrorKind.IncompleteTokenDiscovery, "token discovery needs the API server endpoint and a token ([a-z0-9]{6}.[a-z0-9]{16})"));
        }

        return errors.Count > 0 ? (null, errors)
            : (new TokenDiscoverySource(discovery.ApiServerEndpoint!, discoveryToken!, discovery.CaCertHashes ?? [], discovery.UnsafeSkipCaVerification, tlsToken, wait), errors);
    }
}
