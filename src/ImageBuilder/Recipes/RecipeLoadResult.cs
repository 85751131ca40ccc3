using Kiln.Phases.Config;

namespace Kiln.ImageBuilder.Recipes;

/// <summary>A loaded recipe, or every finding that stopped it; <see cref="Sources"/> holds the texts the findings quote.</summary>
public sealed record RecipeLoadResult(ImageRecipe? Recipe, IReadOnlyList<ConfigError> Findings, IReadOnlyDictionary<string, string> Sources)
{
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    public string Render() => ConfigErrorRenderer.Render(Findings, Sources);
}
