using System.CommandLine;
using Kiln.ImageBuilder.Build;
using Kiln.ImageBuilder.Payload;
using Kiln.ImageBuilder.Recipes;
using Kiln.ImageBuilder.Tools;
using Kiln.Phases.Targets;
using Kiln.Phases.Versions;

namespace Kiln.Cli.Commands;

/// <summary>`kiln images bundle|import`: the air-gap payload by hand, for sites that carry it without an image build.</summary>
public static class ImagesCommand
{
    public static Command Build(CliContext context)
    {
        var command = new Command("images", "Carry container images to air-gapped nodes: bundle them into one OCI archive, import it on a node");
        command.Subcommands.Add(BundleCommand(context));
        command.Subcommands.Add(ImportCommand(context));
        return command;
    }

    static Command BundleCommand(CliContext context)
    {
        var config = new Option<string?>("--config") { Description = "kubeadm config whose ClusterConfiguration picks the version and repository" };
        var version = new Option<string?>("--kubernetes-version") { Description = $"Kubernetes version ({VersionTable.SupportedRange}); overrides the config" };
        var repository = new Option<string?>("--image-repository") { Description = "Registry the images are named after; overrides the config" };
        var from = new Option<string[]>("--from")
        {
            Description = "Image source, searched in order (repeatable): an OCI image layout directory, or an OCI or docker archive file", Required = true,
        };
        var output = new Option<string>("--out") { Description = "The OCI archive to write", Required = true };
        var worker = new Option<bool>("--worker") { Description = "Only what a worker runs (kube-proxy, CoreDNS, pause)" };
        var extra = new Option<string[]>("--extra") { Description = "Another image to carry, registry/name:tag (repeatable)" };
        var platform = new Option<string>("--platform") { Description = "The nodes' platform", DefaultValueFactory = _ => "linux/amd64" };
        var command = new Command("bundle", "Write the images a node of this version needs (kiln config images list) as one OCI archive; "
            + "refused, naming each, when a source lacks any")
        {
            config, version, repository, from, output, worker, extra, platform,
        };
        command.SetAction(async (p, ct) =>
        {
            if (ConfigCommand.ClusterFor(context, p.GetValue(config), p.GetValue(version), p.GetValue(repository)) is not { } cluster)
            {
                return ExitCodes.UsageError;
            }

            var sources = (p.GetValue(from) ?? []).Select(s => new ImageSource(context.Resolve(s), File.Exists(context.Resolve(s)))).ToList();
            var names = ImagePayloadStep.Needed(cluster, p.GetValue(worker) ? NodeRole.Worker : NodeRole.ControlPlane, p.GetValue(extra) ?? []);
            var path = context.Resolve(p.GetValue(output)!);
            var temp = AtomicFile.TempFor(path);
            try
            {
                var epoch = long.TryParse(context.SourceDateEpoch, out var e) ? e : 0;
                var images = ImagePayloadStep.WriteFile(sources, names, p.GetValue(platform)!, temp, epoch);
                AtomicFile.Flush(temp);
                File.Move(temp, path, overwrite: true);
                foreach (var image in images)
                {
                    await context.Out.WriteLineAsync($"{image.Name}  {image.Platform}  {image.Digest}");
                }

                await context.Out.WriteLineAsync($"wrote {p.GetValue(output)}: {images.Count} images; on the node: kiln images import {Path.GetFileName(path)}");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is ImageBuildException or IOException or UnauthorizedAccessException)
            {
                await context.Err.WriteLineAsync($"kiln: images bundle: {e.Message}");
                return ExitCodes.Failure;
            }
            finally
            {
                File.Delete(temp);
            }
        });
        return command;
    }

    static Command ImportCommand(CliContext context)
    {
        var archive = new Argument<string>("ARCHIVE") { Description = "An OCI archive from 'kiln images bundle' or an image build's /var/lib/kiln/images.tar" };
        var address = new Option<string>("--address")
        {
            Description = "containerd's socket", DefaultValueFactory = _ => PayloadImport.DefaultAddress,
        };
        var command = new Command("import", "Import the images into containerd's k8s.io namespace (where the kubelet looks), under the names the manifests use")
        {
            archive, address,
        };
        command.SetAction(async (p, ct) =>
        {
            var path = context.Resolve(p.GetValue(archive)!);
            if (!File.Exists(path))
            {
                await context.Err.WriteLineAsync($"kiln: cannot read {p.GetValue(archive)}: no such file");
                return ExitCodes.UsageError;
            }

            try
            {
                var names = await PayloadImport.RunAsync(path, p.GetValue(address)!, ct);
                foreach (var name in names)
                {
                    await context.Out.WriteLineAsync($"[images] imported {name}");
                }

                await context.Out.WriteLineAsync($"Imported {names.Count} images into containerd (namespace k8s.io, {p.GetValue(address)}).");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is ImageBuildException or IOException or InvalidDataException or System.Text.Json.JsonException)
            {
                await context.Err.WriteLineAsync($"kiln: images import: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
