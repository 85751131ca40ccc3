using Kiln.ImageBuilder.Recipes;

namespace Kiln.ImageBuilder.Build;

/// <summary>One build.</summary>
/// <param name="Recipe">The recipe.</param>
/// <param name="OutputDirectory">Where the outputs and the manifest go.</param>
/// <param name="StateDirectory">The cluster's state (null: <c>OUT/NAME.state</c>).</param>
/// <param name="Formats">The formats (null: the recipe's).</param>
/// <param name="Epoch">The time every file in the image takes (SOURCE_DATE_EPOCH), and the manifest's.</param>
/// <param name="Clock">
/// The clock new certificates are dated by (null: the system's). Never the epoch: an epoch from an old commit would make
/// certificates that are expired when the image boots; rebuilds keep their bytes because they reuse the state's certificates.
/// </param>
/// <param name="SigningKey">An ECDSA P-256 private key: the manifest gets a detached signature (<see cref="Manifest.ManifestSignature"/>).</param>
public sealed record ImageBuildOptions(ImageRecipe Recipe, string OutputDirectory, string? StateDirectory, IReadOnlyList<ImageFormat>? Formats, long Epoch,
    TimeProvider? Clock = null, System.Security.Cryptography.ECDsa? SigningKey = null);
