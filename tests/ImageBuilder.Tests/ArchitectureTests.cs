namespace Kiln.ImageBuilder.Tests;

public class ArchitectureTests
{
    [Fact]
    public void ImageBuilder_ReferencesPhasesButNeverTui()
    {
        var references = typeof(Kiln.ImageBuilder.Recipes.RecipeLoader).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("Kiln.Tui", references, StringComparer.Ordinal);
        Assert.DoesNotContain("kiln", references, StringComparer.Ordinal);
    }

    [Fact]
    public void ImageBuilder_ReferencesOnlyPhasesAndTheBcl()
    {
        string[] allowed = ["System", "Microsoft.Win32", "Kiln.Phases", "Microsoft.Extensions.Logging.Abstractions", "netstandard"];

        var names = typeof(Kiln.ImageBuilder.Recipes.RecipeLoader).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(names, n => Assert.True(allowed.Any(a => string.Equals(n, a, StringComparison.Ordinal) || n.StartsWith(a + ".", StringComparison.Ordinal)), $"ImageBuilder references {n}"));
    }
}
