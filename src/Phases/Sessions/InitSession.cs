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
    readonly KubeadmConfig _config;
    readonly RunOptions _options;
    readonly bool _uploadCerts;
    readonly Workflow.Workflow _workflow;
    readonly SelectionResult _selection;

    InitSession(KubeadmConfig config, RunOptions options, bool uploadCerts)
    {
        _config = config;
        _options = options;
        _uploadCerts = uploadCerts;
        _workflow = options.Workflow ?? Workflows.Init;
        _selection = options.Select(_workflow, config.Init?.SkipPhases);
        Errors = [.. _selection.Errors.Select(e => new SessionError(SessionErrorKind.UnknownPhase, e))];
    }

    /// <summary>Usage errors found before anything ran; the session does not run while there are any.</summary>
    public IReadOnlyList<SessionError> Errors { get; }

    /// <summary>Prepares an init; check <see cref="Errors"/> before planning or running.</summary>
    /// <param name="config">The defaulted, validated config.</param>
    /// <param name="options">How the init runs.</param>
    /// <param name="uploadCerts">Upload the control-plane certificates (kubeadm's <c>--upload-certs</c>); a key is made at run time when the config has none.</param>
    public static InitSession Create(KubeadmConfig config, RunOptions options, bool uploadCerts = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        return new InitSession(config, options, uploadCerts);
    }

    /// <summary>What the run will do; no side effect (no token, no certificate key, no connection).</summary>
    public WorkflowPlan Plan() => Plan(Context(_config, new Progress<PhaseEvent>(), secrets: null));

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

    WorkflowPlan Plan(PhaseContext context) => WorkflowPlan.Create(_workflow, _selection, context);

    PhaseContext Context(KubeadmConfig config, IProgress<PhaseEvent> events, ISecretSink? secrets) =>
        _options.Context(config, events, _options.Live is { } live ? live with { UploadCerts = _uploadCerts, Secrets = secrets } : null);

    // tokens and the certificate key exist only for a run on a live node: files-only runs and images keep the config's
    KubeadmConfig WithSecrets(out string? generatedKey)
    {
        generatedKey = null;
        if (_options.Live is null)
        {
            return _config;
        }

        var init = _config.Init ?? new();
        var key = init.CertificateKey;
        if (_uploadCerts && key is null)
        {
            key = generatedKey = CertificateKey.New();
        }

        return _config with
        {
            Init = init with
            {
                CertificateKey = key,
                BootstrapTokens = [.. (init.BootstrapTokens ?? []).Select(t => t.Token is null ? t with { Token = BootstrapTokenString.Generate().Reveal() } : t)],
            },
        };
    }
}
