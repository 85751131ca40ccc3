using Kiln.ImageBuilder.Build;
using Kiln.ImageBuilder.Recipes;
using Kiln.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.ImageBuilder.Tests;

/// <summary>Small, fast test images: ECDSA keys (no RSA prime search), a 64 MiB disk.</summary>
public static class Images
{
    public const long Epoch = 1767225600;

    public static string RecipeText(string name = "t", string extra = "") => $"""
        apiVersion: kiln.dev/v1alpha1
        kind: ImageRecipe
        name: {name}
        role: control-plane
        kubeadm:
          inline: |
            apiVersion: kubeadm.k8s.io/v1beta4
            kind: InitConfiguration
            nodeRegistration:
              name: node-1
            localAPIEndpoint:
              advertiseAddress: 10.0.0.10
            ---
            apiVersion: kubeadm.k8s.io/v1beta4
            kind: ClusterConfiguration
            encryptionAlgorithm: ECDSA-P256
        disk:
          size: 64MiB
        formats: [raw, qcow2, vhd]
        {extra}
        """;

    public static ImageRecipe Recipe(string name = "t", string extra = "")
    {
        var loaded = RecipeLoader.Load("test.yaml", RecipeText(name, extra));
        Assert.True(loaded.Recipe is not null, loaded.Render());
        return loaded.Recipe;
    }

    public static async Task<ImageBuildResult> BuildAsync(ImageRecipe recipe, string output, string state, long epoch = Epoch, RecordingProgress? events = null)
    {
        var result = await ImageBuild.RunAsync(new ImageBuildOptions(recipe, output, state, null, epoch), events ?? new RecordingProgress(), NullLogger.Instance, CancellationToken.None);
        Assert.True(result.Succeeded, $"{result.Error} {result.Hint}");
        return result;
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from))
        {
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
        }

        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    public static string Sha256(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
}

/// <summary>One build shared by a test class: its state (copied by tests that build again) and its outputs.</summary>
public sealed class BuiltImage : IAsyncLifetime, IDisposable
{
    readonly TempDir _dir = new("kiln-image-test-");

    public string Output => _dir["out"];

    public string State => _dir["state"];

    public string Raw => Path.Combine(Output, "t.raw");

    public string Manifest => Path.Combine(Output, "t.manifest.json");

    public ImageBuildResult Result { get; private set; } = null!;

    public RecordingProgress Events { get; } = new();

    public async Task InitializeAsync() => Result = await Images.BuildAsync(Images.Recipe(), Output, State, events: Events);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    // xunit calls both DisposeAsync and Dispose on a collection fixture
    public void Dispose()
    {
        if (Directory.Exists(_dir.Path))
        {
            _dir.Dispose();
        }
    }

    /// <summary>A private copy of the state, so a test can build again without racing another.</summary>
    public string CopyState(TempDir into)
    {
        var copy = into["state"];
        Images.CopyDirectory(State, copy);
        return copy;
    }
}

[CollectionDefinition(Name)]
public sealed class BuiltImageGroup : ICollectionFixture<BuiltImage>
{
    public const string Name = "built image";
}
