namespace Kiln.Tui.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Tui_ReferencesPhasesButNeverImageBuilder()
    {
        var references = typeof(Kiln.Tui.TuiAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("Kiln.ImageBuilder", references, StringComparer.Ordinal);
        Assert.DoesNotContain("kiln", references, StringComparer.Ordinal);
    }

    [Fact]
    public void ViewModels_UseNoTerminalGuiTypes()
    {
        var models = typeof(Kiln.Tui.Models.WizardModel).Assembly.GetTypes().Where(t => string.Equals(t.Namespace, "Kiln.Tui.Models", StringComparison.Ordinal)).ToList();
        const System.Reflection.BindingFlags All = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic
            | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly;

        var used = models.SelectMany(t => t.GetFields(All).Select(f => f.FieldType)
                .Concat(t.GetProperties(All).Select(p => p.PropertyType))
                .Concat(t.GetMethods(All).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Select(u => (Model: t, Used: u)))
            .Where(x => string.Equals(x.Used.Assembly.GetName().Name, "Terminal.Gui", StringComparison.Ordinal))
            .Select(x => $"{x.Model.Name} uses {x.Used.FullName}")
            .ToList();

        Assert.NotEmpty(models);
        Assert.Empty(used);
    }
}
