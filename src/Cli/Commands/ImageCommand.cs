using System.CommandLine;
using System.Globalization;
using Kiln.Cli.Rendering;
using Kiln.ImageBuilder.Build;
using Kiln.ImageBuilder.Recipes;
using Kiln.ImageBuilder.Verify;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.Cli.Commands;

/// <summary>`kiln image build` and `kiln image verify`.</summary>
public static class ImageCommand
{
    public static Command Build(CliContext context)
    {
        var image = new Command("image", "Build golden node disk images from recipes, and verify them");
        image.Subcommands.Add(BuildCommand(context));
        image.Subcommands.Add(VerifyCommand(context));
        image.Subcommands.Add(ImageStateCommand.Build(context));
        return image;
    }

    static Command BuildCommand(CliContext context)
    {
        var recipe = new Argument<string>("RECIPE") { Description = "Image recipe (images/*.yaml, kind ImageRecipe)" };
        var output = new Option<string>("--out") { Description = "Directory for NAME.<format> and NAME.manifest.json", DefaultValueFactory = _ => "out" };
        var state = new Option<string?>("--state")
        {
            Description = "Directory with the cluster's secrets (CAs, keys, bootstrap token), created on the first build and reused; default OUT/NAME.state",
        };
        var format = new Option<string[]>("--format")
        {
            Description = $"Output formats, comma-separated: {ImageFormats.Allowed} (default: the recipe's formats)",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
        };
        var set = new Option<string[]>("--set") { Description = "Override a recipe field, e.g. --set disk.size=512MiB (repeatable)" };
        var signKey = new Option<string?>("--sign-key")
        {
            Description = "ECDSA P-256 private key (PEM): writes NAME.manifest.json.sig, a detached signature that 'kiln image verify --key' and openssl check",
        };
        var command = new Command("build", "Build a disk image from a recipe: the init (or join) phases into a staged root, packed as GPT + ext4; "
            + "SOURCE_DATE_EPOCH sets every file time in the image (certificates are dated by the clock when the state first makes them)")
        {
            recipe, output, state, format, set, signKey,
        };
        command.SetAction((p, ct) => BuildAsync(context, p.GetValue(recipe)!, p.GetValue(output)!, p.GetValue(state), p.GetValue(format) ?? [], p.GetValue(set) ?? [],
            p.GetValue(signKey), ct));
        return command;
    }

    static async Task<int> BuildAsync(CliContext context, string recipePath, string output, string? state, string[] formats, string[] sets, string? signKeyPath,
        CancellationToken ct)
    {
        var overrides = new List<KeyValuePair<string, string>>();
        foreach (var s in sets)
        {
            var eq = s.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                await context.Err.WriteLineAsync($"kiln: --set '{s}' is not path=value (e.g. --set disk.size=512MiB)");
                return ExitCodes.UsageError;
            }

            overrides.Add(new(s[..eq], s[(eq + 1)..]));
        }

        var chosen = new List<ImageFormat>();
        foreach (var f in formats)
        {
            if (ImageFormats.Parse(f) is not { } known)
            {
                await context.Err.WriteLineAsync($"kiln: --format: unknown format '{f}' (allowed: {ImageFormats.Allowed})");
                return ExitCodes.UsageError;
            }

            chosen.Add(known);
        }

        long epoch;
        if (context.SourceDateEpoch is { Length: > 0 } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out epoch))
            {
                await context.Err.WriteLineAsync($"kiln: SOURCE_DATE_EPOCH '{text}' is not a number of seconds since 1970");
                return ExitCodes.UsageError;
            }
        }
        else
        {
            epoch = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        }

        using var signingKey = signKeyPath is null ? null : await KeyAsync(context, "--sign-key", signKeyPath, privateKey: true);
        if (signKeyPath is not null && signingKey is null)
        {
            return ExitCodes.UsageError;
        }

        if (CliFiles.Read(context, recipePath) is not { } recipeText)
        {
            return ExitCodes.UsageError;
        }

        var loaded = RecipeLoader.Load(recipePath, recipeText, overrides, path => CliFiles.Read(context, path));
        await context.Err.WriteAsync(loaded.Render());
        if (loaded.Recipe is not { } recipe)
        {
            return ExitCodes.UsageError;
        }

        // the recipe names files relative to itself; resolve them against the working directory for this process
        recipe = recipe with
        {
            Base = recipe.Base is { } b ? b with { Path = context.Resolve(b.Path) } : null,
            Images = recipe.Images is { } i ? i with { Sources = [.. i.Sources.Select(s => s with { Path = context.Resolve(s.Path) })] } : null,
        };
        var started = TimeProvider.System.GetTimestamp();
        var options = new ImageBuildOptions(recipe, context.Resolve(output), state is null ? null : context.Resolve(state), chosen.Count > 0 ? chosen : null, epoch,
            SigningKey: signingKey);
        // one build per state at a time: two would each make a CA and a token, and the state would keep a mix
        var stateDir = options.StateDirectory ?? Path.Combine(options.OutputDirectory, $"{recipe.Name}.state");
        var fresh = !Directory.Exists(stateDir);
        using var held = await RunLock.TakeAsync(context, stateDir, "kiln image build",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (held is null)
        {
            return ExitCodes.Failure;
        }

        var result = await ImageBuild.RunAsync(options, new EventLines(context.Out), NullLogger.Instance, ct);
        if (result.Error is { } error)
        {
            // the state directory made for the lock goes again when the build stopped before writing into it
            if (fresh && Directory.Exists(stateDir) && Directory.GetFileSystemEntries(stateDir).Length == 0)
            {
                Directory.Delete(stateDir);
            }

            await context.Err.WriteLineAsync(Rendering.ProblemText.Render($"image build failed: {error}", result.Hint));
            return ExitCodes.Failure;
        }

        await ReportAsync(context, result, output, signed: signingKey is not null, TimeProvider.System.GetElapsedTime(started), epoch);
        return ExitCodes.Success;
    }

    static async Task ReportAsync(CliContext context, ImageBuildResult result, string output, bool signed, TimeSpan took, long epoch)
    {
        foreach (var warning in result.Warnings)
        {
            await context.Err.WriteLineAsync($"kiln: warning: {warning}");
        }

        foreach (var o in result.Outputs)
        {
            await context.Out.WriteLineAsync($"image: {Path.Combine(output, o.File)}  {Size(o.Size)}  sha256:{o.Sha256}"
                + (o.Reproducible ? "" : "  (not reproducible: qemu-img stamps random ids)") + (o.Secret == true ? "  (0600: holds keys and tokens)" : ""));
        }

        await context.Out.WriteLineAsync($"manifest: {Path.Combine(output, Path.GetFileName(result.ManifestPath))}"
            + (!signed ? "" : $" (signed: {Path.GetFileName(Kiln.ImageBuilder.Manifest.ManifestSignature.PathFor(result.ManifestPath))})"));
        await context.Out.WriteLineAsync($"state: {result.StateDirectory}{(result.StateCreated ? " (created: keep it secret, pass it as --state to rebuild)" : " (reused)")}");
        await context.Out.WriteLineAsync($"took {took.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)}s, epoch {epoch}");
    }

    static Command VerifyCommand(CliContext context)
    {
        var image = new Argument<string>("IMAGE") { Description = $"Image to check ({ImageFormats.Allowed}, by extension)" };
        var manifest = new Option<string?>("--manifest") { Description = "Manifest to check against (default: NAME.manifest.json beside the image)" };
        var key = new Option<string?>("--key") { Description = "ECDSA P-256 public key (PEM): the manifest must carry a valid signature by its private key" };
        var command = new Command("verify", "Check an image against its manifest: every file (type, mode, owner, size, sha256), the partition table, "
            + "the filesystems; names each difference, exit 1 on any")
        {
            image, manifest, key,
        };
        command.SetAction((p, ct) => VerifyAsync(context, p.GetValue(image)!, p.GetValue(manifest), p.GetValue(key), ct));
        return command;
    }

    static async Task<int> VerifyAsync(CliContext context, string imagePath, string? manifestPath, string? keyPath, CancellationToken ct)
    {
        using var key = keyPath is null ? null : await KeyAsync(context, "--key", keyPath, privateKey: false);
        if (keyPath is not null && key is null)
        {
            return ExitCodes.UsageError;
        }

        var full = context.Resolve(imagePath);
        var manifest = manifestPath is null ? ImageVerifier.DefaultManifest(full) : context.Resolve(manifestPath);
        if (!File.Exists(full))
        {
            await context.Err.WriteLineAsync($"kiln: cannot read {imagePath}: no such file");
            return ExitCodes.UsageError;
        }

        if (!File.Exists(manifest))
        {
            await context.Err.WriteLineAsync($"kiln: no manifest at {manifest}; pass --manifest");
            return ExitCodes.UsageError;
        }

        var report = await ImageVerifier.VerifyAsync(full, manifest, ct, key);
        foreach (var line in report.Checks)
        {
            await context.Out.WriteLineAsync($"ok: {line}");
        }

        foreach (var problem in report.Problems)
        {
            await context.Out.WriteLineAsync($"DIFFERENT: {problem}");
        }

        await context.Out.WriteLineAsync(report.Problems.Count == 0
            ? $"{imagePath}: verified against {Path.GetFileName(manifest)}"
            : $"{imagePath}: {report.Problems.Count} difference(s) from {Path.GetFileName(manifest)}");
        return report.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    static async Task<System.Security.Cryptography.ECDsa?> KeyAsync(CliContext context, string option, string path, bool privateKey)
    {
        if (CliFiles.Read(context, path) is not { } pem)
        {
            return null;
        }

        var (key, problem) = Kiln.ImageBuilder.Manifest.ManifestSignature.Load(pem, path, privateKey);
        if (problem is not null)
        {
            await context.Err.WriteLineAsync($"kiln: {option} {problem}");
        }

        return key;
    }

    static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB"
        : bytes.ToString(CultureInfo.InvariantCulture) + " B";
}
