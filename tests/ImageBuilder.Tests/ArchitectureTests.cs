namespace Kiln.ImageBuilder.Tests;

public class ArchitectureTests
{
    [Fact]
    public void ImageBuilder_ReferencesPhasesButNeverTui()
    {
        var references = typeof(Kiln.ImageBuilder.Recipes.RecipeLoader).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("Kiln.Tui", references);
        Assert.DoesNotContain("kiln", references);
    }
}
