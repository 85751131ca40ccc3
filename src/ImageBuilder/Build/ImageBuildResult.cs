namespace Kiln.ImageBuilder.Build;

/// <summary>What a build made, or the error that stopped it.</summary>
public sealed record ImageBuildResult(string? Error, string? Hint, IReadOnlyList<Manifest.ManifestOutput> Outputs, string ManifestPath, string StateDirectory, bool StateCreated)
{
    public bool Succeeded => Error is null;

    /// <summary>What the user should know although the build went on: the state's certificates that expire soon.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
