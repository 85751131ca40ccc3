using Kiln.ImageBuilder.Recipes;
using Kiln.ImageBuilder.Tools;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Sessions;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using Microsoft.Extensions.Logging;

namespace Kiln.ImageBuilder.Build;

/// <summary>
/// Builds an image: runs the image workflow (the init or join phases plus image-only ones) into a staging directory,
/// keeps the state, packs the tree into a GPT disk with ext4, writes each format and the manifest.
/// </summary>
public static partial class ImageBuild
{
    public static async Task<ImageBuildResult> RunAsync(ImageBuildOptions options, IProgress<PhaseEvent> events, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var recipe = options.Recipe;
        var stateDir = options.StateDirectory ?? Path.Combine(options.OutputDirectory, $"{recipe.Name}.state");
        var manifestPath = Path.Combine(options.OutputDirectory, $"{recipe.Name}.manifest.json");
        BuildState? state = null;
        var staging = Directory.CreateTempSubdirectory("kiln-staging-").FullName;
        // the manifest's tool versions come from the tools themselves; ask them on the other core while the phases run
        var versions = Task.Run(() => ToolVersionsAsync(options, cancellationToken), cancellationToken);
        try
        {
            // inside the try: an unwritable --out or a damaged --state is a build error, not a crash
            TargetFault.CreateDirectory(options.OutputDirectory);
            state = BuildState.OpenOrCreate(stateDir);
            var config = WithStateSecrets(recipe, state);
            if (config is null)
            {
                return new ImageBuildResult($"the state {stateDir} has no cluster CA yet", "build the control-plane image first with the same --state",
                    [], manifestPath, stateDir, state.Created);
            }

            var clock = options.Clock ?? TimeProvider.System;
            var (expired, expiring) = await StateCertificates.CheckAsync(state, clock.GetUtcNow(), cancellationToken);
            if (expired.Count > 0)
            {
                return new ImageBuildResult(
                    $"the state {stateDir} holds expired certificates: {string.Join(", ", expired.Select(c => $"{c.Name} (expired {Day(c.NotAfter)})"))}",
                    $"renew them with 'kiln image state renew --state {stateDir}{(expired.Any(c => c.Authority) ? " --cas" : "")}', then build again",
                    [], manifestPath, stateDir, state.Created);
            }

            var warnings = expiring.Select(c => $"{c.Name} in the state expires on {Day(c.NotAfter)}, in {(c.NotAfter - clock.GetUtcNow()).Days} days: "
                + $"renew it with 'kiln image state renew --state {stateDir}{(c.Authority ? " --cas" : "")}' and rebuild").ToList();
            var root = new DirectoryRoot(staging, durable: false);
            var certDir = config.Cluster?.CertificatesDir ?? ConfigDefaults.CertificatesDir;
            if (recipe.Role == NodeRole.ControlPlane)
            {
                await state.CopyInAsync(root, certDir, cancellationToken);
            }

            // before the phases: the first-boot unit imports the payload only when the node holds one
            var images = ImagePayloadStep.Write(recipe, staging, options.Epoch);
            var result = await RunPhasesAsync(recipe, config, state, root, clock, events, log, cancellationToken);
            if (result.Error is { } e)
            {
                return new ImageBuildResult($"phase {e.Phase}: {e.Message}", e.Hint, [], manifestPath, stateDir, state.Created);
            }

            if (recipe.Role == NodeRole.ControlPlane)
            {
                state.CopyOut(root.Map(certDir), root.Map("/etc/kubernetes"));
            }

            var outputs = await PackAsync(options, state, staging, manifestPath, versions, images, cancellationToken);
            return new ImageBuildResult(null, null, outputs, manifestPath, stateDir, state.Created) { Warnings = warnings };
        }
        catch (ImageBuildException e)
        {
            return new ImageBuildResult(e.Message, null, [], manifestPath, stateDir, state?.Created ?? false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogFailed(log, e);
            return new ImageBuildResult(e.Message, e is TargetIOException t ? t.Hint : e is UnauthorizedAccessException ? "check the permissions of --out and --state" : null,
                [], manifestPath, stateDir, state?.Created ?? false);
        }
        finally
        {
            // packing removes it once the disk holds the tree; this is for the paths that fail before
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "image build failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    /// <summary>The recipe's config with the state's token (and, for a worker, its CA pin); null when a worker's state has no CA.</summary>
    static KubeadmConfig? WithStateSecrets(ImageRecipe recipe, BuildState state)
    {
        var config = recipe.Config;
        if (recipe.Role == NodeRole.ControlPlane)
        {
            var tokens = config.Init!.BootstrapTokens ?? [];
            var first = (tokens.Count > 0 ? tokens[0] : new BootstrapToken()) with { Token = state.Token };
            return config with { Init = config.Init with { BootstrapTokens = [first, .. tokens.Skip(1)] } };
        }

        if (state.CaPin() is not { } pin)
        {
            return null;
        }

        var join = config.Join!;
        return config with
        {
            Join = join with
            {
                Discovery = join.Discovery with
                {
                    BootstrapToken = join.Discovery.BootstrapToken! with { Token = state.Token, CaCertHashes = [pin] },
                    TlsBootstrapToken = state.Token,
                },
            },
        };
    }

    /// <summary>
    /// The image workflow's phases, through the same sessions as <c>kiln init</c> and <c>kiln join</c>: a worker's with
    /// the cluster known from the state instead of discovered.
    /// </summary>
    static async Task<WorkflowResult> RunPhasesAsync(ImageRecipe recipe, KubeadmConfig config, BuildState state, ITargetRoot root, TimeProvider clock,
        IProgress<PhaseEvent> events, ILogger log, CancellationToken ct)
    {
        if (recipe.Role == NodeRole.ControlPlane)
        {
            var init = InitSession.Create(config, new RunOptions
            {
                Workflow = ImageWorkflows.ControlPlane, Target = root, Kind = TargetKinds.Image, Log = log, Clock = clock,
            });
            return await init.RunAsync(events, secrets: null, ct);
        }

        var join = config.Join!;
        var endpoint = join.Discovery.BootstrapToken?.ApiServerEndpoint
            ?? throw new ImageBuildException("a worker recipe needs the control plane's endpoint (discovery.bootstrapToken.apiServerEndpoint)");
        var ca = await File.ReadAllBytesAsync(Path.Combine(state.PkiDirectory, "ca.crt"), ct);
        var source = new KnownClusterSource($"https://{endpoint}", ca, config.Cluster ?? ConfigDefaults.Cluster(new ClusterConfiguration()));
        var session = JoinSession.Create(join, new RunOptions
        {
            Workflow = ImageWorkflows.Worker, Target = root, Kind = TargetKinds.Image, Log = log, Clock = clock,
        }, source: source);
        if (session.Errors.Count > 0)
        {
            throw new ImageBuildException(string.Join("; ", session.Errors));
        }

        return await session.RunAsync(events, new Progress<DiscoveryNote>(), ct);
    }
}
