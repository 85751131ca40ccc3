using Kiln.Phases.Certs;
using Kiln.Phases.Config;
using Kiln.Phases.Live;
using Kiln.Phases.Tokens;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Sessions;

/// <summary>
/// A prepared init: the CLI, the TUI and the image builder all run inits through it. Making one and planning it make no
/// secret and connect to nothing; the run makes the tokens and the certificate key it needs, then runs the phases.
/// </summary>
public sealed class InitSession
{
    readonly InitRunOptions _options;
    readonly SelectionResult _selection;

    InitSession(KubeadmConfig config, InitRunOptions options, SelectionResult selection)
    {
        Config = config;
        _options = options;
        _selection = selection;
        Errors = [.. selection.Errors.Select(e => new SessionError(SessionErrorKind.UnknownPhase, e))];
    }

    /// <summary>The config as loaded (no secret added).</summary>
    public KubeadmConfig Config { get; }

    /// <summary>Usage errors found before anything ran; the session does not run while there are any.</summary>
    public IReadOnlyList<SessionError> Errors { get; }

    /// <summary>Prepares an init; check <see cref="Errors"/> before planning or running.</summary>
    /// <param name="config">The defaulted, validated config.</param>
    /// <param name="options">How the init runs.</param>
    public static InitSession Create(KubeadmConfig config, InitRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var skip = options.Selection.Skip.Count > 0 ? options.Selection.Skip : config.Init?.SkipPhases ?? [];
        return new InitSession(config, options, options.Workflow.Select(options.Selection with { Skip = skip }));
    }

    /// <summary>What the run will do; no side effect (no token, no certificate key, no connection).</summary>
    public WorkflowPlan Plan() => Plan(Context(Config, new Progress<PhaseEvent>(), secrets: null));

    /// <summary>Makes the run's secrets (a token for each bootstrap token without a value; the certificate key to upload), then runs the phases.</summary>
    /// <param name="events">The phases' events.</param>
    /// <param name="secrets">Where the secrets the user must see go (a generated certificate key, the join commands); null to show none.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<WorkflowResult> RunAsync(IProgress<PhaseEvent> events, ISecretSink? secrets, CancellationToken cancellationToken)
    {
        if (Errors.Count > 0)
        {
            throw new InvalidOperationException("an init session with errors cannot run: " + string.Join("; ", Errors));
        }

        var config = WithSecrets(out var generatedKey);
        if (generatedKey is not null)
        {
            secrets?.CertificateKey(generatedKey);
        }

        var context = Context(config, events, secrets);
        return WorkflowRunner.RunAsync(Plan(context), context, cancellationToken);
    }

    WorkflowPlan Plan(PhaseContext context) =>
        WorkflowPlan.Create(_options.Workflow, _selection, context);

    PhaseContext Context(KubeadmConfig config, IProgress<PhaseEvent> events, ISecretSink? secrets) =>
        new(config, _options.Target, _options.Log, events, _options.Clock, _options.Kind)
        {
            Host = _options.Host,
            Live = _options.Live is { } live ? live with { UploadCerts = _options.UploadCerts, Secrets = secrets } : null,
        };

    // tokens and the certificate key exist only for a run on a live node: files-only runs and images keep the config's
    KubeadmConfig WithSecrets(out string? generatedKey)
    {
        generatedKey = null;
        if (_options.Live is null)
        {
            return Config;
        }

        var init = Config.Init ?? new();
        var key = init.CertificateKey;
        if (_options.UploadCerts && key is null)
        {
            key = generatedKey = CertificateKey.New();
        }

        return Config with
        {
            Init = init with
            {
                CertificateKey = key,
                BootstrapTokens = [.. (init.BootstrapTokens ?? []).Select(t => t.Token is null ? t with { Token = BootstrapTokenString.Generate().Reveal() } : t)],
            },
        };
    }
}
