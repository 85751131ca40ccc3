using Kiln.ImageBuilder.Recipes;
using Kiln.ImageBuilder.Tools;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Join;
using Kiln.Phases.Kubelet;
using Kiln.Phases.Targets;
using Kiln.Phases.Tokens;
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
            Directory.CreateDirectory(options.OutputDirectory);
            state = BuildState.OpenOrCreate(stateDir);
            var config = WithStateSecrets(recipe, state);
            if (config is null)
            {
                return new ImageBuildResult($"the state {stateDir} has no cluster CA yet", "build the control-plane image first with the same --state",
                    [], manifestPath, stateDir, state.Created);
            }

            var root = new DirectoryRoot(staging, durable: false);
            var certDir = config.Cluster?.CertificatesDir ?? ConfigDefaults.CertificatesDir;
            if (recipe.Role == NodeRole.ControlPlane)
            {
                await state.CopyInAsync(root, certDir, cancellationToken);
            }

            var clock = new EpochClock(options.Epoch);
            var context = new PhaseContext(config, root, log, events, clock, TargetKinds.Image) { Joining = JoinInputsOf(config, state) };
            var workflow = ImageWorkflows.For(recipe.Role);
            var plan = WorkflowPlan.Create(workflow, workflow.Select(PhaseSelection.All), context, filesOnly: true);
            var result = await WorkflowRunner.RunAsync(plan, context, cancellationToken);
            if (result.Error is { } e)
            {
                return new ImageBuildResult($"phase {e.Phase}: {e.Message}", e.Hint, [], manifestPath, stateDir, state.Created);
            }

            if (recipe.Role == NodeRole.ControlPlane)
            {
                state.CopyOut(root.Map(certDir), root.Map("/etc/kubernetes"));
            }

            var outputs = await PackAsync(options, state, staging, manifestPath, versions, cancellationToken);
            return new ImageBuildResult(null, null, outputs, manifestPath, stateDir, state.Created);
        }
        catch (ImageBuildException e)
        {
            return new ImageBuildResult(e.Message, null, [], manifestPath, stateDir, state?.Created ?? false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogFailed(log, e);
            return new ImageBuildResult(e.Message, e is UnauthorizedAccessException ? "check the permissions of --out and --state" : null,
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
        join = join with
        {
            Discovery = join.Discovery with
            {
                BootstrapToken = join.Discovery.BootstrapToken! with { Token = state.Token, CaCertHashes = [pin] },
                TlsBootstrapToken = state.Token,
            },
        };
        // as kiln join composes it: the cluster half, and the node-specific half the kubelet files read
        return config with
        {
            Join = join,
            Cluster = config.Cluster ?? ConfigDefaults.Cluster(new ClusterConfiguration()),
            Init = new InitConfiguration { NodeRegistration = join.NodeRegistration },
        };
    }

    /// <summary>
    /// What kiln join learns by discovery, known at build time from the state: the endpoint, the CA, the token, and the
    /// kubelet config the control plane's upload-config phase publishes (computed the same way from the same config).
    /// </summary>
    static JoinInputs? JoinInputsOf(KubeadmConfig config, BuildState state)
    {
        if (config.Join?.Discovery.BootstrapToken?.ApiServerEndpoint is not { } endpoint)
        {
            return null;
        }

        var ca = File.ReadAllBytes(Path.Combine(state.PkiDirectory, "ca.crt"));
        return new JoinInputs($"https://{endpoint}", ca, BootstrapTokenString.TryParse(state.Token)!, KubeletFiles.Config(config, includeNodeSpecific: false));
    }
}
