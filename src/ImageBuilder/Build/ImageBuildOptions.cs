using Kiln.ImageBuilder.Recipes;

namespace Kiln.ImageBuilder.Build;

/// <summary>One build: the recipe, where outputs and state go, the formats (null: the recipe's) and the epoch every time in the image takes.</summary>
public sealed record ImageBuildOptions(ImageRecipe Recipe, string OutputDirectory, string? StateDirectory, IReadOnlyList<ImageFormat>? Formats, long Epoch);
