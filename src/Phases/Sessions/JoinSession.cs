using Kiln.Phases.Cluster;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Join;
using Kiln.Phases.Kubelet;
using Kiln.Phases.Tokens;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Sessions;

/// <summary>
/// A prepared worker join: the CLI, the TUI and the image builder all run joins through it. Making one and planning it
/// connect to nothing and make no secret; discovery runs when the first phase needs the cluster.
/// </summary>
public sealed class JoinSession
{
    readonly JoinConfiguration _join;
    readonly IDiscoverySource? _source;
    readonly RunOptions _options;
    readonly Workflow.Workflow _workflow;
    readonly SelectionResult _selection;
    readonly BootstrapTokenString? _tlsToken;

    JoinSession(JoinConfiguration join, RunOptions options, DiscoveryWait wait, IDiscoverySource? source)
    {
        _join = join;
        _options = options;
        _workflow = options.Workflow ?? Workflows.Join;
        _selection = options.Select(_workflow, join.SkipPhases);
        var errors = _selection.Errors.Select(e => new SessionError(SessionErrorKind.UnknownPhase, e)).ToList();
        _tlsToken = BootstrapTokenString.TryParse(join.Discovery.TlsBootstrapToken);
        if (_tlsToken is null)
        {
            errors.Add(new(SessionErrorKind.NoTlsBootstrapToken, "join needs a token ([a-z0-9]{6}.[a-z0-9]{16})"));
        }
        else if (source is null)
        {
            (source, var problems) = DiscoverySources.For(join, _tlsToken, wait);
            errors.AddRange(problems);
        }

        _source = source;
        Errors = errors;
    }

    /// <summary>Usage errors found before anything ran (unknown phases, a missing token); the session does not run while there are any.</summary>
    public IReadOnlyList<SessionError> Errors { get; }

    /// <summary>Prepares a join; check <see cref="Errors"/> before planning or running. Unknown phases fail here, before discovery.</summary>
    /// <param name="join">The defaulted, validated JoinConfiguration.</param>
    /// <param name="options">How the join runs.</param>
    /// <param name="wait">How long and how often discovery waits (<c>timeouts.discovery</c> overrides the timeout); kubeadm's 5 minutes by default.</param>
    /// <param name="source">Where the cluster is learned from; null for the one the config names.</param>
    public static JoinSession Create(JoinConfiguration join, RunOptions options, DiscoveryWait? wait = null, IDiscoverySource? source = null)
    {
        ArgumentNullException.ThrowIfNull(join);
        ArgumentNullException.ThrowIfNull(options);
        return new JoinSession(join, options, wait ?? new(TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(500), options.Clock), source);
    }

    /// <summary>What the run will do; no side effect.</summary>
    public WorkflowPlan Plan() => Plan(Context(new Progress<PhaseEvent>(), new Progress<DiscoveryNote>()));

    /// <summary>Runs the join: its phases, with discovery when the first of them needs the cluster.</summary>
    /// <param name="events">The phases' events.</param>
    /// <param name="discovery">Discovery's notes.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<WorkflowResult> RunAsync(IProgress<PhaseEvent> events, IProgress<DiscoveryNote> discovery, CancellationToken cancellationToken)
    {
        if (Errors.Count > 0)
        {
            throw new InvalidOperationException("a join session with errors cannot run: " + string.Join("; ", Errors));
        }

        var context = Context(events, discovery);
        return WorkflowRunner.RunAsync(Plan(context), context, cancellationToken);
    }

    WorkflowPlan Plan(PhaseContext context) => WorkflowPlan.Create(_workflow, _selection, context);

    PhaseContext Context(IProgress<PhaseEvent> events, IProgress<DiscoveryNote> discovery)
    {
        var facts = new JoinFacts(ct => FindAsync(discovery, ct));
        var live = _options.Live is { } node
            ? node with { Cluster = new ClusterConnection(async ct => (await facts.GetAsync(ct)).Client ?? throw new InvalidOperationException("discovery read no cluster")) }
            : null;
        return _options.Context(Compose(ConfigDefaults.Cluster(new ClusterConfiguration())), events, live) with { Joining = facts };
    }

    async Task<ClusterFacts> FindAsync(IProgress<DiscoveryNote> discovery, CancellationToken ct)
    {
        var found = await _source!.FindAsync(discovery, ct);
        var config = Compose(found.Cluster);
        var kubelet = found.KubeletConfig ?? KubeletFiles.Config(config, includeNodeSpecific: false);
        return new ClusterFacts(config, new JoinInputs(found.Server, found.CaPem, _tlsToken!, kubelet), found.Client);
    }

    // the cluster half from discovery, and the node-specific half the kubelet files read
    KubeadmConfig Compose(ClusterConfiguration cluster) => new()
    {
        Join = _join,
        Cluster = cluster,
        Init = new InitConfiguration { NodeRegistration = _join.NodeRegistration },
    };
}
