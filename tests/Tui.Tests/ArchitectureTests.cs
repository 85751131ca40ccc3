namespace Kiln.Tui.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Tui_ReferencesPhasesButNeverImageBuilder()
    {
        var references = typeof(Kiln.Tui.TuiAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("Kiln.ImageBuilder", references);
        Assert.DoesNotContain("kiln", references);
    }
}
