using System.CommandLine;
using Kiln.Cli.Rendering;
using Kiln.Phases;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Sessions;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;

namespace Kiln.Cli.Commands;

/// <summary>`kiln join`, `kiln join phase ...` and `kiln plan join`: options and rendering around a <see cref="JoinSession"/>.</summary>
public static class JoinCommand
{
    sealed class Options
    {
        public Argument<string?> Endpoint { get; } = new("api-server-endpoint") { Description = "The control plane, host:port", Arity = ArgumentArity.ZeroOrOne };
        public Option<string?> Config { get; } = new("--config") { Description = "File with a JoinConfiguration (instead of the discovery flags)" };
        public Option<string?> Token { get; } = new("--token") { Description = "Bootstrap token for discovery and the TLS bootstrap" };
        public Option<string?> DiscoveryToken { get; } = new("--discovery-token") { Description = "Token for discovery only (default: --token)" };
        public Option<string?> TlsToken { get; } = new("--tls-bootstrap-token") { Description = "Token for the kubelet's TLS bootstrap (default: --token)" };
        public Option<string[]> Hashes { get; } = new("--discovery-token-ca-cert-hash") { Description = "CA pin sha256:<hex>; repeat for several", AllowMultipleArgumentsPerToken = false };
        public Option<bool> UnsafeSkip { get; } = new("--discovery-token-unsafe-skip-ca-verification") { Description = "Trust the cluster CA without a pin (unsafe)" };

        public Option<string?> DiscoveryFile { get; } = new("--discovery-file")
        {
            Description = "A kubeconfig naming the cluster and its CA, as a file or an https URL (its server certificate verified by this host's CAs), instead of token discovery; needs --tls-bootstrap-token or --token",
        };

        public Option<string?> NodeName { get; } = new("--node-name") { Description = "Node name (default: the lowercased hostname)" };
        public Option<string?> CriSocket { get; } = new("--cri-socket") { Description = "CRI socket URL" };
        public Option<string?> Rootfs { get; } = new("--rootfs") { Description = "Treat DIR as the node's / (files land under it)" };
        public Option<bool> FilesOnly { get; } = new("--files-only") { Description = "Write the node's files and stop: do not start the kubelet" };
        public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Discover and print what would be written; write nothing" };
        public Option<string[]> Ignore { get; } = CommaListOption.Create("--ignore-preflight-errors", "Preflight checks whose errors become warnings, comma-separated, or 'all'");
        public Option<string[]> Skip { get; } = CommaListOption.Create("--skip-phases", "Phases to skip, comma-separated");

        public void AddTo(Command command, bool withSkip)
        {
            command.Arguments.Add(Endpoint);
            foreach (var o in (Option[])[Config, Token, DiscoveryToken, TlsToken, Hashes, UnsafeSkip, DiscoveryFile, NodeName, CriSocket, Rootfs, FilesOnly, DryRun, Ignore])
            {
                command.Options.Add(o);
            }

            if (withSkip)
            {
                command.Options.Add(Skip);
            }
        }

        public JoinConfiguration FromFlags(CliContext context, ParseResult p) => new()
        {
            NodeRegistration = new NodeRegistrationOptions { Name = p.GetValue(NodeName), CriSocket = p.GetValue(CriSocket) },
            Discovery = new Discovery
            {
                File = p.GetValue(DiscoveryFile) is { } file
                    ? new FileDiscovery { KubeConfigPath = FileDiscovery.IsUrl(file) ? file : context.Resolve(file) }
                    : null,
                BootstrapToken = p.GetValue(DiscoveryFile) is not null ? null : new BootstrapTokenDiscovery
                {
                    Token = p.GetValue(DiscoveryToken) ?? p.GetValue(Token),
                    ApiServerEndpoint = p.GetValue(Endpoint),
                    CaCertHashes = p.GetValue(Hashes) is { Length: > 0 } h ? h : null,
                    UnsafeSkipCaVerification = p.GetValue(UnsafeSkip),
                },
                TlsBootstrapToken = p.GetValue(TlsToken) ?? p.GetValue(Token),
            },
        };

        public bool DiscoveryFlagsGiven(ParseResult p) =>
            p.GetValue(Token) is not null || p.GetValue(Endpoint) is not null || p.GetValue(Hashes) is { Length: > 0 } || p.GetValue(DiscoveryFile) is not null;
    }

    public static Command Build(CliContext context)
    {
        var options = new Options();
        var join = new Command("join", "Join this node to a cluster as a worker (kubeadm join)");
        options.AddTo(join, withSkip: true);
        join.SetAction((p, ct) => RunAsync(context, options, p, only: [], planOnly: false, ct));
        var phase = new Command("phase", "Run one phase of join");
        foreach (var definition in Workflows.Join.Phases)
        {
            var sub = new Command(definition.Id.Leaf, definition.Summary);
            options.AddTo(sub, withSkip: false);
            sub.SetAction((p, ct) => RunAsync(context, options, p, [definition.Id.Value], planOnly: false, ct));
            phase.Subcommands.Add(sub);
        }

        join.Subcommands.Add(phase);
        return join;
    }

    /// <summary>`kiln plan join`: the join's phases and why each is skipped, before discovery or anything else runs.</summary>
    public static Command BuildPlan(CliContext context)
    {
        var options = new Options();
        var plan = new Command("join", "Print the join plan: each phase, and why it is skipped (nothing is fetched)");
        options.AddTo(plan, withSkip: true);
        plan.SetAction((p, ct) => RunAsync(context, options, p, only: [], planOnly: true, ct));
        return plan;
    }

    static async Task<JoinConfiguration?> LoadAsync(CliContext context, Options options, ParseResult p)
    {
        if (p.GetValue(options.Config) is not { } path)
        {
            var join = ConfigDefaults.Join(options.FromFlags(context, p), context.Host);
            var findings = new List<ConfigError>();
            ConfigValidator.Validate(new KubeadmConfig { Join = join }, findings);
            return InitConfigSource.Report(context, findings, located: false) ? null : join;
        }

        if (options.DiscoveryFlagsGiven(p))
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
        }

        return loaded.Join;
    }

    static async Task<int> RunAsync(CliContext context, Options options, ParseResult p, string[] only, bool planOnly, CancellationToken ct)
    {
        if (await LoadAsync(context, options, p) is not { } join)
        {
            return ExitCodes.UsageError;
        }

        var rootfs = p.GetValue(options.Rootfs);
        var (dryRun, filesOnly) = (p.GetValue(options.DryRun), p.GetValue(options.FilesOnly));
        ITargetRoot host = new HostRoot(rootfs is { } r ? context.Resolve(r) : "/");
        var session = JoinSession.Create(join, new RunOptions
        {
            Selection = new PhaseSelection(only, p.GetValue(options.Skip) ?? []),
            Target = dryRun ? new MemoryRoot(host) : host,
            Host = rootfs is null ? context.Host : null,
            // the cluster connection is the session's: the bootstrap token's, once discovery proved the CA
            Live = dryRun || filesOnly ? null : LiveSetup.Node(context, cluster: null, p.GetValue(options.Ignore) ?? [], join.NodeRegistration.IgnorePreflightErrors),
        }, new DiscoveryWait(TimeSpan.FromMinutes(5), context.PollInterval, TimeProvider.System));
        if (await RunOutput.UsageErrorsAsync(context, session.Errors.Select(e => e.Text + Hint(e.Kind))))
        {
            return ExitCodes.UsageError;
        }

        if (planOnly)
        {
            await context.Out.WriteAsync(PlanText.Render(session.Plan()));
            return ExitCodes.Success;
        }

        return await RunOutput.ExitCodeAsync(context, await session.RunAsync(new EventLines(context.Out) { DryRun = dryRun }, new DiscoveryLines(context.Err), ct));
    }

    static string Hint(SessionErrorKind kind) => kind switch
    {
        SessionErrorKind.NoTlsBootstrapToken => ": --token or --tls-bootstrap-token",
        SessionErrorKind.IncompleteTokenDiscovery => ": the endpoint argument and --token (or --discovery-token)",
        _ => "",
    };

    // Progress<T> posts to the thread pool, so lines could land after the command ended; this writes at once
    sealed class DiscoveryLines(TextWriter err) : IProgress<DiscoveryNote>
    {
        public void Report(DiscoveryNote value) => err.WriteLine(value.Kind == DiscoveryNoteKind.UnpinnedCa
            ? $"kiln: warning: --discovery-token-unsafe-skip-ca-verification: {value.Text}"
            : $"[discovery] {value.Text}");
    }
}
