using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kiln.Phases.Cluster;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.Tokens;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Join;

/// <summary>
/// Token discovery (cmd/kubeadm/app/discovery/token/token.go–6.2): fetch <c>kube-public/cluster-info</c> without trusting the server, wait for the
/// bootstrap signer's <c>jws-kubeconfig-&lt;id&gt;</c>, check it with the token secret, check the CA against the pins,
/// then fetch again over TLS verified with that CA and require the same bytes.
/// </summary>
public static class TokenDiscovery
{
    const string Path = "/api/v1/namespaces/kube-public/configmaps/cluster-info";

    /// <summary>Discovers the cluster behind <paramref name="endpoint"/> (host:port).</summary>
    /// <param name="endpoint">The API server endpoint, host:port.</param>
    /// <param name="token">The discovery token.</param>
    /// <param name="pins">Accepted CA pins (<c>sha256:hex</c>); empty only with <paramref name="unsafeSkipCaVerification"/>.</param>
    /// <param name="unsafeSkipCaVerification">Trust whatever CA the signed cluster-info names.</param>
    /// <param name="timeout">How long to wait for the signature.</param>
    /// <param name="interval">Poll interval.</param>
    /// <param name="clock">Time.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="progress">Told why the wait goes on, each time the reason changes (so a wait is never silent).</param>
    public static async Task<DiscoveredCluster> DiscoverAsync(string endpoint, BootstrapTokenString token, IReadOnlyList<string> pins,
        bool unsafeSkipCaVerification, TimeSpan timeout, TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(pins);
        ArgumentNullException.ThrowIfNull(clock);
        if (pins.Count == 0 && !unsafeSkipCaVerification)
        {
            throw new PhaseException("no CA pin: token discovery needs --discovery-token-ca-cert-hash sha256:<hex>",
                "the init node printed it; or compute it: openssl x509 -pubkey -in ca.crt | openssl pkey -pubin -outform der | sha256sum");
        }

        var url = new Uri($"https://{endpoint}{Path}");
        var deadline = clock.GetUtcNow() + timeout;
        string kubeconfig;
        string signature;
        string? told = null;
        using (var insecure = Client(null))
        {
            while (true)
            {
                string? problem;
                try
                {
                    var data = await FetchAsync(insecure, url, cancellationToken);
                    kubeconfig = data.GetValueOrDefault("kubeconfig") ?? throw new PhaseException($"{url}: cluster-info has no kubeconfig");
                    if (data.GetValueOrDefault($"jws-kubeconfig-{token.Id}") is { } jws)
                    {
                        signature = jws;
                        break;
                    }

                    problem = $"cluster-info has no signature for token id {token.Id} yet (the controller-manager's bootstrapsigner adds it; is the token valid?)";
                }
                catch (HttpRequestException e)
                {
                    problem = $"cannot fetch {url}: {e.Message}";
                }

                if (clock.GetUtcNow() >= deadline)
                {
                    throw new PhaseException($"discovery failed after {timeout.TotalSeconds}s: {problem}", "check the endpoint and the token (`kiln token list` on the control plane)");
                }

                if (!string.Equals(problem, told, StringComparison.Ordinal))
                {
                    progress?.Report($"{problem}; retrying until {timeout.TotalSeconds:0}s have passed");
                    told = problem;
                }

                await Task.Delay(interval, clock, cancellationToken);
            }
        }

        if (!ClusterInfoSignature.Verify(kubeconfig, signature, token))
        {
            throw new PhaseException($"cluster-info's signature for token id {token.Id} does not match this token's secret: the token is wrong",
                "use the token printed by `kiln init` or `kiln token create`");
        }

        var (document, problem2) = KubeConfigReader.Read("cluster-info", System.Text.Encoding.UTF8.GetBytes(kubeconfig));
        if (document is not { Clusters.Count: 1 } || document.Clusters[0].Cluster.CertificateAuthorityData is not { } caData)
        {
            throw new PhaseException($"cluster-info's kubeconfig must hold exactly one cluster with embedded CA data{(problem2 is null ? "" : $": {problem2}")}");
        }

        var caPem = Convert.FromBase64String(caData);
        var server = document.Clusters[0].Cluster.Server;
        var cas = ClusterCa.Load(caPem);
        string? matched = null;
        if (!unsafeSkipCaVerification)
        {
            var actual = cas.Select(c => CaPin.Of(new Org.BouncyCastle.X509.X509Certificate(c.RawData))).ToList();
            matched = actual.FirstOrDefault(a => pins.Any(p => string.Equals(p.Trim(), a, StringComparison.OrdinalIgnoreCase)));
            if (matched is null)
            {
                throw new PhaseException($"the cluster CA's pin {string.Join(", ", actual)} matches none of the given --discovery-token-ca-cert-hash values",
                    "this endpoint is not the cluster you meant, or the pin is wrong; get it from the control plane's /etc/kubernetes/pki/ca.crt");
            }
        }

        // again, now trusting only that CA: a server in the middle cannot have shown us the same signed bytes and a valid chain
        using (var verified = Client(cas))
        {
            Dictionary<string, string> again;
            try
            {
                again = await FetchAsync(verified, url, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new PhaseException($"the verified re-read of cluster-info failed: {e.Message}", "the API server's certificate must chain to the pinned CA and name the endpoint", e);
            }

            if (!string.Equals(again.GetValueOrDefault("kubeconfig"), kubeconfig, StringComparison.Ordinal))
            {
                throw new PhaseException("cluster-info changed between the unverified and the verified read");
            }
        }

        return new DiscoveredCluster(server, caPem, matched);
    }

    // the first read trusts nothing (the signature and the pin decide); the second trusts only the pinned CA
    static HttpClient Client(X509Certificate2Collection? trust) =>
        new(trust is null ? ClusterCa.TrustAnything() : ClusterCa.Handler(trust)) { Timeout = TimeSpan.FromSeconds(10) };

    static async Task<Dictionary<string, string>> FetchAsync(HttpClient http, Uri url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json.RootElement.TryGetProperty("data", out var data))
        {
            foreach (var p in data.EnumerateObject())
            {
                result[p.Name] = p.Value.GetString() ?? "";
            }
        }

        return result;
    }
}
