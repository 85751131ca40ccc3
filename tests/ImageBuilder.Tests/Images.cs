using Kiln.ImageBuilder.Build;
using Kiln.ImageBuilder.Recipes;
using Kiln.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.ImageBuilder.Tests;

/// <summary>Small, fast test images: ECDSA keys (no RSA prime search), a 64 MiB disk.</summary>
public static class Images
{
    public const long Epoch = 1767225600;

    public static string RecipeText(string name = "t", string extra = "") => InitConfigs.ImageRecipe("raw, qcow2, vhd", name, extra);

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

    public static string Sha256(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
}
