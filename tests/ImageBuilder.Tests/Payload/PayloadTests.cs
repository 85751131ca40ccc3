using System.Text.Json.Nodes;
using Kiln.ImageBuilder.Build;
using Kiln.ImageBuilder.Manifest;
using Kiln.ImageBuilder.Payload;
using Kiln.ImageBuilder.Tools;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests.Payload;

/// <summary>The air-gap payload: the version's images from the recipe's sources into the node, checked with tar and sha256sum.</summary>
public class PayloadTests
{
    static string ImagesSection(string source) => $"images:\n  from:\n    - {source}\n";

    static IReadOnlyList<string> Needed() => ImagePayloadStep.Needed(Images.Recipe());

    [Fact]
    public async Task Build_CarriesExactlyTheVersionsImages_AsAnOciArchive_ImportedBeforeTheKubelet()
    {
        using var dir = new TempDir();
        var needed = Needed();
        TestImages.Layout(dir["layout"], needed.Append("registry.k8s.io/unrelated:v1"));

        var result = await Images.BuildAsync(Images.Recipe(extra: ImagesSection($"oci: {dir["layout"]}")), dir["out"], dir["state"]);
        var raw = Path.Combine(dir["out"], "t.raw");
        var device = $"{raw}?offset={1024 * 1024}";
        Assert.Equal(0, Tool.Run("debugfs", "-R", $"dump /var/lib/kiln/images.tar {dir["images.tar"]}", device).ExitCode);
        Directory.CreateDirectory(dir["x"]);
        var untar = Tool.Run("tar", "-xf", dir["images.tar"], "-C", dir["x"]);
        var unit = Tool.Run("debugfs", "-R", $"cat {FirstBootPhase.UnitPath}", device).Out;
        var manifest = ImageManifest.FromJson(File.ReadAllText(Path.Combine(dir["out"], "t.manifest.json")));

        Assert.True(result.Succeeded);
        Assert.Contains(needed, n => n.StartsWith("registry.k8s.io/kube-apiserver:v1.", StringComparison.Ordinal));
        Assert.Contains(needed, n => n.StartsWith("registry.k8s.io/pause:", StringComparison.Ordinal));
        Assert.True(untar.ExitCode == 0, untar.All);
        var index = JsonNode.Parse(File.ReadAllText(dir["x/index.json"]))!["manifests"]!.AsArray();
        Assert.Equal(needed.Order(StringComparer.Ordinal), index.Select(m => (string)m!["annotations"]!["io.containerd.image.name"]!), StringComparer.Ordinal);
        foreach (var blob in Directory.GetFiles(dir["x/blobs/sha256"]))
        {
            Assert.StartsWith(Path.GetFileName(blob) + " ", Tool.Run("sha256sum", blob).Out, StringComparison.Ordinal);
        }

        Assert.Equal(index.Select(m => (string)m!["digest"]!), manifest.Images!.Select(i => i.Digest), StringComparer.Ordinal);
        Assert.All(manifest.Images!, i => Assert.Equal("linux/amd64", i.Platform));
        Assert.Contains("ExecStartPre=/usr/local/bin/kiln images import /var/lib/kiln/images.tar\nExecStart=/usr/local/bin/kiln init", unit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingImages_AreRefusedNamingEachAndItsPlatform()
    {
        using var dir = new TempDir();
        var needed = Needed();
        var etcd = needed.Single(n => n.Contains("/etcd:", StringComparison.Ordinal));
        var pause = needed.Single(n => n.Contains("/pause:", StringComparison.Ordinal));
        TestImages.Layout(dir["amd64"], needed.Except([etcd, pause], StringComparer.Ordinal));
        TestImages.Layout(dir["arm64"], [pause], arch: "arm64");
        var recipe = Images.Recipe(extra: $"images:\n  from:\n    - oci: {dir["amd64"]}\n    - oci: {dir["arm64"]}\n");

        var result = await ImageBuild.RunAsync(new ImageBuildOptions(recipe, dir["out"], dir["state"], null, Images.Epoch),
            new RecordingProgress(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);

        Assert.Equal($"the image sources lack 2 image(s) this node needs: {pause} (linux/amd64): only for linux/arm64; {etcd} (linux/amd64): in no source",
            result.Error);
        Assert.Empty(Directory.GetFiles(dir["out"]));
    }

    [Fact]
    public void Payload_IsReproducible_AndADamagedBlobIsRefused()
    {
        using var dir = new TempDir();
        TestImages.Layout(dir["layout"], ["registry.k8s.io/a:v1", "registry.k8s.io/b:v2"]);
        ImageSource[] sources = [new(dir["layout"], Archive: false)];

        ImagePayloadStep.WriteFile(sources, ["registry.k8s.io/b:v2", "registry.k8s.io/a:v1"], "linux/amd64", dir["one.tar"], 1700000000);
        ImagePayloadStep.WriteFile(sources, ["registry.k8s.io/a:v1", "registry.k8s.io/b:v2"], "linux/amd64", dir["two.tar"], 1700000000);
        var layer = Directory.GetFiles(dir["layout/blobs/sha256"]).OrderBy(f => new FileInfo(f).Length).Last();
        File.AppendAllText(layer, "x");
        var e = Assert.Throws<ImageBuildException>(() => ImagePayloadStep.WriteFile(sources, ["registry.k8s.io/a:v1", "registry.k8s.io/b:v2"], "linux/amd64", dir["three.tar"], 0));

        Assert.Equal(File.ReadAllBytes(dir["one.tar"]), File.ReadAllBytes(dir["two.tar"]));
        Assert.Contains("does not match its digest: the image source is damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerArchive_BecomesAnOciImageWithTheSameLayer()
    {
        using var dir = new TempDir();
        var layerSha = TestImages.DockerArchive(dir["saved.tar"], "registry.k8s.io/kube-proxy:v1.37.0", "kube-proxy:local");

        using var catalog = ImageCatalog.Open([new ImageSource(dir["saved.tar"], Archive: true)]);
        var (found, missing) = catalog.Resolve(["registry.k8s.io/kube-proxy:v1.37.0", "docker.io/library/kube-proxy:local"], "linux/amd64");

        Assert.Empty(missing);
        var manifest = JsonNode.Parse(found[0].Manifest)!;
        Assert.Equal($"sha256:{layerSha}", (string)manifest["layers"]![0]!["digest"]!);
        Assert.Equal("application/vnd.oci.image.layer.v1.tar", (string)manifest["layers"]![0]!["mediaType"]!);
    }

    [Theory]
    [InlineData("nowhere", false, "image layout {0}: no such directory")]
    [InlineData("nowhere.tar", true, "image archive {0}: no such file")]
    [InlineData("empty", false, "{0}: neither an OCI image layout (index.json) nor a docker archive (manifest.json)")]
    public void UnreadableSource_IsOneClearError(string name, bool archive, string message)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["empty"]);

        var e = Assert.Throws<ImageBuildException>(() => ImageCatalog.Open([new ImageSource(dir[name], archive)]));

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, dir[name]), e.Message);
    }

    [Fact]
    public async Task Import_IntoARealContainerd_NamesTheImagesAsTheManifestsDo()
    {
        using var dir = new TempDir();
        TestImages.Layout(dir["layout"], ["registry.k8s.io/pause:3.10", "registry.k8s.io/kube-proxy:v1.37.0"]);
        ImagePayloadStep.WriteFile([new(dir["layout"], Archive: false)], ["registry.k8s.io/pause:3.10", "registry.k8s.io/kube-proxy:v1.37.0"], "linux/amd64",
            dir["images.tar"], 0);
        using var containerd = await RealContainerd.StartAsync();

        var names = await PayloadImport.RunAsync(dir["images.tar"], containerd.Socket, CancellationToken.None);
        var listed = Tool.Run("ctr", "--address", containerd.Socket, "--namespace", "k8s.io", "images", "ls", "-q");

        Assert.Equal(["registry.k8s.io/kube-proxy:v1.37.0", "registry.k8s.io/pause:3.10"], names);
        Assert.True(listed.ExitCode == 0, listed.All + containerd.Logs);
        // the CRI adds an image-id reference (sha256:...) per image next to the names
        Assert.Equal(names, listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(n => !n.StartsWith("sha256:", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }
}
