using System.CommandLine;
using k8s;
using k8s.Autorest;
using Kiln.Cli.Rendering;
using Kiln.Phases;
using Kiln.Phases.Cluster;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Join;
using Kiln.Phases.Live;
using Kiln.Phases.Targets;
using Kiln.Phases.Tokens;
using Kiln.Phases.Workflow;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.Cli.Commands;

/// <summary>`kiln join`: token discovery, then the join workflow (reference §6).</summary>
public static class JoinCommand
{
    public static Command Build(CliContext context)
    {
        var endpoint = new Argument<string?>("api-server-endpoint") { Description = "The control plane, host:port", Arity = ArgumentArity.ZeroOrOne };
        var config = new Option<string?>("--config") { Description = "File with a JoinConfiguration (instead of the discovery flags)" };
        var token = new Option<string?>("--token") { Description = "Bootstrap token for discovery and the TLS bootstrap" };
        var discoveryToken = new Option<string?>("--discovery-token") { Description = "Token for discovery only (default: --token)" };
        var tlsToken = new Option<string?>("--tls-bootstrap-token") { Description = "Token for the kubelet's TLS bootstrap (default: --token)" };
        var hashes = new Option<string[]>("--discovery-token-ca-cert-hash") { Description = "CA pin sha256:<hex>; repeat for several", AllowMultipleArgumentsPerToken = false };
        var unsafeSkip = new Option<bool>("--discovery-token-unsafe-skip-ca-verification") { Description = "Trust the cluster CA without a pin (unsafe)" };
        var discoveryFile = new Option<string?>("--discovery-file")
        {
            Description = "A kubeconfig naming the cluster and its CA, as a file or an https URL (its server certificate verified by this host's CAs), instead of token discovery; needs --tls-bootstrap-token or --token",
        };
        var nodeName = new Option<string?>("--node-name") { Description = "Node name (default: the lowercased hostname)" };
        var criSocket = new Option<string?>("--cri-socket") { Description = "CRI socket URL" };
        var rootfs = new Option<string?>("--rootfs") { Description = "Treat DIR as the node's / (files land under it)" };
        var filesOnly = new Option<bool>("--files-only") { Description = "Write the node's files and stop: do not start the kubelet" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Discover and print what would be written; write nothing" };
        var ignore = CommaListOption.Create("--ignore-preflight-errors", "Preflight checks whose errors become warnings, comma-separated, or 'all'");
        var skip = CommaListOption.Create("--skip-phases", "Phases to skip, comma-separated");
        var join = new Command("join", "Join this node to a cluster as a worker (kubeadm join)") { endpoint };
        foreach (var o in (Option[])[config, token, discoveryToken, tlsToken, hashes, unsafeSkip, discoveryFile, nodeName, criSocket, rootfs, filesOnly, dryRun, ignore, skip])
        {
            join.Options.Add(o);
        }

        join.SetAction(async (p, ct) =>
        {
            var fromFlags = new JoinConfiguration
            {
                NodeRegistration = new NodeRegistrationOptions { Name = p.GetValue(nodeName), CriSocket = p.GetValue(criSocket) },
                Discovery = new Discovery
                {
                    File = p.GetValue(discoveryFile) is { } file
                        ? new FileDiscovery { KubeConfigPath = FileDiscovery.IsUrl(file) ? file : context.Resolve(file) }
                        : null,
                    BootstrapToken = p.GetValue(discoveryFile) is not null ? null : new BootstrapTokenDiscovery
                    {
                        Token = p.GetValue(discoveryToken) ?? p.GetValue(token),
                        ApiServerEndpoint = p.GetValue(endpoint),
                        CaCertHashes = p.GetValue(hashes) is { Length: > 0 } h ? h : null,
                        UnsafeSkipCaVerification = p.GetValue(unsafeSkip),
                    },
                    TlsBootstrapToken = p.GetValue(tlsToken) ?? p.GetValue(token),
                },
            };
            var joinConfig = await LoadAsync(context, p.GetValue(config), fromFlags, p.GetValue(token) is not null || p.GetValue(endpoint) is not null || p.GetValue(hashes) is { Length: > 0 } || p.GetValue(discoveryFile) is not null);
            if (joinConfig is null)
            {
                return ExitCodes.UsageError;
            }

            var run = new RunOptions(p.GetValue(rootfs), p.GetValue(filesOnly), p.GetValue(dryRun), p.GetValue(ignore) ?? [], p.GetValue(skip) ?? []);
            return await RunAsync(context, joinConfig, run, ct);
        });
        return join;
    }

    sealed record RunOptions(string? Rootfs, bool FilesOnly, bool DryRun, string[] Ignore, string[] Skip);

    static async Task<JoinConfiguration?> LoadAsync(CliContext context, string? path, JoinConfiguration fromFlags, bool flagsGiven)
    {
        JoinConfiguration join;
        if (path is not null)
        {
            if (flagsGiven)
            {
                await context.Err.WriteLineAsync("kiln: --config cannot be mixed with the endpoint, --token or --discovery-token-ca-cert-hash; put them in the file");
                return null;
            }

            if (CliFiles.LoadValidConfig(context, path) is not { } loaded)
            {
                return null;
            }

            if (loaded.Join is null)
            {
                await context.Err.WriteLineAsync($"kiln: {path} holds no JoinConfiguration");
                return null;
            }

            join = loaded.Join;
        }
        else
        {
            join = ConfigDefaults.Join(fromFlags, context.Host);
            var findings = new List<ConfigError>();
            ConfigValidator.Validate(new KubeadmConfig { Join = join }, findings);
            if (InitConfigSource.Report(context, findings, located: false))
            {
                return null;
            }
        }

        return join;
    }

    static async Task<int> RunAsync(CliContext context, JoinConfiguration join, RunOptions run, CancellationToken ct)
    {
        var tlsToken = BootstrapTokenString.TryParse(join.Discovery.TlsBootstrapToken);
        if (tlsToken is null)
        {
            await context.Err.WriteLineAsync("kiln: join needs a token ([a-z0-9]{6}.[a-z0-9]{16}): --token or --tls-bootstrap-token");
            return ExitCodes.UsageError;
        }

        JoinInputs inputs;
        KubeadmConfig config;
        IKubernetes client;
        try
        {
            var found = join.Discovery.File is { KubeConfigPath: { } file }
                ? FromFile(file, await ReadDiscoveryFileAsync(context, file, join.Timeouts?.Discovery?.Value ?? TimeSpan.FromMinutes(5), ct))
                : await DiscoverAsync(context, join, ct);
            if (found is null)
            {
                return ExitCodes.UsageError;
            }

            client = TokenClient(found, tlsToken);
            (config, var kubelet) = await ReadClusterAsync(client, join, ct);
            inputs = new JoinInputs(found.Server, found.CaPem, tlsToken, kubelet);
        }
        catch (PhaseException e)
        {
            await context.Err.WriteLineAsync($"kiln: {e.Message}" + (e.Hint is null ? "" : $"\n  hint: {e.Hint}"));
            return ExitCodes.Failure;
        }

        var selection = Workflows.Join.Select(new PhaseSelection([], run.Skip.Length > 0 ? run.Skip : join.SkipPhases?.ToArray() ?? []));
        if (selection.Errors.Count > 0)
        {
            foreach (var error in selection.Errors)
            {
                await context.Err.WriteLineAsync($"kiln: {error}");
            }

            return ExitCodes.UsageError;
        }

        ITargetRoot host = new HostRoot(run.Rootfs is { } r ? context.Resolve(r) : "/");
        var target = run.DryRun ? new MemoryRoot(host) : host;
        var live = run.DryRun || run.FilesOnly ? null : new LiveNode(context.Services, new ClusterConnection(_ => Task.FromResult(client)))
        {
            Probe = context.Probe,
            PollInterval = context.PollInterval,
            IgnorePreflightErrors = run.Ignore.Concat(join.NodeRegistration.IgnorePreflightErrors ?? []).Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
        };
        var phaseContext = new PhaseContext(config, target, NullLogger.Instance, new EventLines(context.Out) { DryRun = run.DryRun }, TimeProvider.System, TargetKinds.LiveNode)
        {
            Host = run.Rootfs is null ? context.Host : null,
            Live = live,
            Joining = inputs,
        };
        var plan = WorkflowPlan.Create(Workflows.Join, selection, phaseContext, filesOnly: live is null);
        var result = await WorkflowRunner.RunAsync(plan, phaseContext, ct);
        if (result.Error is { } e2)
        {
            await context.Err.WriteLineAsync(Rendering.PhaseErrorText.Render(e2));
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    // Progress<T> posts to the thread pool, so lines could land after the command ended; this writes at once
    sealed class SyncProgress(TextWriter err) : IProgress<string>
    {
        public void Report(string value) => err.WriteLine($"[discovery] {value}");
    }

    static string? Get(IDictionary<string, string>? data, string key) => data is not null && data.TryGetValue(key, out var v) ? v : null;

    static async Task<DiscoveredCluster?> DiscoverAsync(CliContext context, JoinConfiguration join, CancellationToken ct)
    {
        var discovery = join.Discovery.BootstrapToken!;
        var discoveryToken = BootstrapTokenString.TryParse(discovery.Token);
        if (discoveryToken is null || discovery.ApiServerEndpoint is null)
        {
            await context.Err.WriteLineAsync("kiln: token discovery needs the API server endpoint and a token ([a-z0-9]{6}.[a-z0-9]{16})");
            return null;
        }

        if (discovery.UnsafeSkipCaVerification)
        {
            await context.Err.WriteLineAsync("kiln: warning: --discovery-token-unsafe-skip-ca-verification: the cluster CA is trusted without a pin; anyone who can answer at the endpoint with a valid token signature can impersonate the cluster");
        }

        var timeout = join.Timeouts?.Discovery?.Value ?? TimeSpan.FromMinutes(5);
        await context.Err.WriteLineAsync($"[discovery] reading cluster-info from {discovery.ApiServerEndpoint} (waiting up to {timeout.TotalSeconds:0}s)");
        var found = await TokenDiscovery.DiscoverAsync(discovery.ApiServerEndpoint, discoveryToken, discovery.CaCertHashes ?? [],
            discovery.UnsafeSkipCaVerification, timeout, context.PollInterval, TimeProvider.System, ct, new SyncProgress(context.Err));
        await context.Err.WriteLineAsync($"[discovery] cluster-info from {discovery.ApiServerEndpoint} is signed by token {discoveryToken.Id}"
            + (found.Pin is null ? "; CA not pinned" : $"; CA matches {found.Pin}"));
        return found;
    }

    /// <summary>
    /// The discovery kubeconfig: a file, or, as kubeadm allows, an https URL fetched with the host's trusted CAs (the
    /// server's certificate is verified; plain http is not accepted).
    /// </summary>
    static async Task<byte[]> ReadDiscoveryFileAsync(CliContext context, string path, TimeSpan timeout, CancellationToken ct)
    {
        const string Hint = "pass the kubeconfig a control-plane node exported (kube-public/cluster-info holds one)";
        if (!FileDiscovery.IsUrl(path))
        {
            try
            {
                return await File.ReadAllBytesAsync(path, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PhaseException($"{path}: {e.Message}", Hint);
            }
        }

        using var http = new HttpClient { Timeout = timeout };
        try
        {
            var bytes = await http.GetByteArrayAsync(new Uri(path), ct);
            await context.Err.WriteLineAsync($"[discovery] read the discovery kubeconfig from {path} (its server certificate is trusted by this host)");
            return bytes;
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is System.Security.Authentication.AuthenticationException
                ? "its server certificate is not trusted by this host"
                : e.StatusCode is { } status ? $"HTTP {(int)status} {status}" : e.Message;
            throw new PhaseException($"cannot read the discovery kubeconfig from {path}: {reason}", Hint, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new PhaseException($"cannot read the discovery kubeconfig from {path}: no answer in {timeout.TotalSeconds:0}s", Hint, e);
        }
    }

    // file discovery: the file is trusted as given (it came out of band, or over verified TLS), so its CA needs no pin
    static DiscoveredCluster FromFile(string path, byte[] bytes)
    {
        var (document, problem) = Kiln.Phases.KubeConfig.KubeConfigReader.Read(path, bytes);
        if (document is not { Clusters.Count: 1 } || document.Clusters[0].Cluster.CertificateAuthorityData is not { } ca)
        {
            throw new PhaseException($"{path}: the discovery file must hold exactly one cluster with certificate-authority-data{(problem is null ? "" : $" ({problem})")}");
        }

        return new DiscoveredCluster(document.Clusters[0].Cluster.Server, Convert.FromBase64String(ca), null);
    }

    static Kubernetes TokenClient(DiscoveredCluster found, BootstrapTokenString token)
    {
        return new Kubernetes(new KubernetesClientConfiguration { Host = found.Server, AccessToken = token.Reveal(), SslCaCerts = ClusterCa.Load(found.CaPem) });
    }

    // the cluster's ClusterConfiguration and kubelet config, read with the token (RBAC of reference §5.4 allows it)
    static async Task<(KubeadmConfig Config, string Kubelet)> ReadClusterAsync(IKubernetes client, JoinConfiguration join, CancellationToken ct)
    {
        string clusterYaml;
        string kubelet;
        try
        {
            var kubeadmConfig = await client.CoreV1.ReadNamespacedConfigMapAsync(UploadConfigPhases.KubeadmConfigMap, "kube-system", cancellationToken: ct);
            var kubeletConfig = await client.CoreV1.ReadNamespacedConfigMapAsync(UploadConfigPhases.KubeletConfigMap, "kube-system", cancellationToken: ct);
            clusterYaml = Get(kubeadmConfig.Data, "ClusterConfiguration") ?? throw new PhaseException("kube-system/kubeadm-config has no ClusterConfiguration");
            kubelet = Get(kubeletConfig.Data, "kubelet") ?? throw new PhaseException("kube-system/kubelet-config has no kubelet key");
        }
        catch (HttpOperationException e)
        {
            throw new PhaseException($"cannot read the cluster's configuration with the bootstrap token: {ApiWriter.Describe(e)}",
                ApiWriter.Is(e, System.Net.HttpStatusCode.Unauthorized) ? "the token is not valid (expired or deleted?)" : "was the cluster set up by kubeadm or kiln?", e);
        }

        var loaded = ConfigLoader.Load("kube-system/kubeadm-config", clusterYaml);
        if (loaded.HasErrors || loaded.Config?.Cluster is not { } cluster)
        {
            throw new PhaseException("the cluster's kubeadm-config does not hold a valid ClusterConfiguration:\n" + loaded.Render());
        }

        var config = new KubeadmConfig
        {
            Join = join,
            Cluster = ConfigDefaults.Cluster(cluster),
            // the node-specific half the kubelet files read
            Init = new InitConfiguration { NodeRegistration = join.NodeRegistration },
        };
        return (config, kubelet);
    }
}
