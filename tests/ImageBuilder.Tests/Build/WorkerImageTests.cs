using System.Text.Json;
using Kiln.ImageBuilder.Manifest;
using Kiln.ImageBuilder.Recipes;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests.Build;

[Collection(BuiltImageGroup.Name)]
public class WorkerImageTests(BuiltImage built)
{
    static ImageRecipe Worker()
    {
        var path = Repo.File("images", "worker.yaml");
        var recipe = RecipeLoader.Load(path, File.ReadAllText(path), [new("disk.size", "64MiB")]).Recipe;
        Assert.NotNull(recipe);
        return recipe;
    }

    [Fact]
    public async Task Worker_BootstrapsWithTheStatesTokenAndCa()
    {
        using var dir = new TempDir();
        var state = built.CopyState(dir);

        await Images.BuildAsync(Worker() with { Formats = [ImageFormat.Raw] }, dir["out"], state);

        var raw = dir["out/worker.raw"];
        var start = JsonDocument.Parse(Tool.Run("sfdisk", "-J", raw).Out).RootElement.GetProperty("partitiontable").GetProperty("partitions")[0].GetProperty("start").GetInt64();
        var device = $"{raw}?offset={start * 512}";
        var kubeconfig = Tool.Run("debugfs", "-R", "cat /etc/kubernetes/bootstrap-kubelet.conf", device).Out;
        var token = File.ReadAllText(Path.Combine(state, "token")).Trim();
        var ca = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(state, "pki", "ca.crt")));
        Assert.Contains($"token: {token}", kubeconfig, StringComparison.Ordinal);
        Assert.Contains($"certificate-authority-data: {ca}", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("server: https://192.168.122.10:6443", kubeconfig, StringComparison.Ordinal);
        var manifest = ImageManifest.FromJson(File.ReadAllText(dir["out/worker.manifest.json"]));
        var paths = manifest.Files.Select(f => f.Path).ToList();
        Assert.Contains("/var/lib/kubelet/config.yaml", paths, StringComparer.Ordinal);
        Assert.Contains("/var/lib/kubelet/kubeadm-flags.env", paths, StringComparer.Ordinal);
        Assert.DoesNotContain("/etc/kubernetes/pki/ca.key", paths, StringComparer.Ordinal);
        Assert.Equal("0600", manifest.Files.Single(f => string.Equals(f.Path, "/etc/kubernetes/bootstrap-kubelet.conf", StringComparison.Ordinal)).Mode);
        var config = Tool.Run("debugfs", "-R", "cat /etc/kiln/kubeadm.yaml", device).Out;
        var pin = Kiln.Phases.Tokens.CaPin.OfPem(File.ReadAllBytes(Path.Combine(state, "pki", "ca.crt")), "ca.crt");
        Assert.Matches(@"caCertHashes:\s*\n\s*- " + pin, config);
        Assert.Contains("kind: JoinConfiguration", config, StringComparison.Ordinal);
        Assert.DoesNotContain("kind: InitConfiguration", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_WithoutAControlPlaneState_SaysWhatToDo()
    {
        using var dir = new TempDir();

        var result = await Kiln.ImageBuilder.Build.ImageBuild.RunAsync(new(Worker(), dir["out"], dir["empty-state"], null, Images.Epoch),
            new RecordingProgress(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);

        Assert.Equal("build the control-plane image first with the same --state", result.Hint);
    }
}
