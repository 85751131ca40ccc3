using System.Reflection;

namespace Kiln.Cli.Tests;

public class ArchitectureTests
{
    static string[] KilnReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Kiln.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Phases_ReferencesNoOtherKilnProject() =>
        Assert.Empty(KilnReferences(typeof(Kiln.Phases.Config.ConfigLoader).Assembly));

    [Fact]
    public void Cli_ReferencesOnlyKilnLibraries() =>
        Assert.All(KilnReferences(typeof(KilnCli).Assembly), n => Assert.Contains(n, new[] { "Kiln.Phases", "Kiln.Tui", "Kiln.ImageBuilder" }, StringComparer.Ordinal));

    [Fact]
    public void Phases_ReferencesOnlyAllowedPackages()
    {
        string[] allowed = ["System", "Microsoft.Extensions.Logging.Abstractions", "YamlDotNet", "BouncyCastle.Cryptography", "KubernetesClient", "netstandard"];
        var names = typeof(Kiln.Phases.Config.ConfigLoader).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(names, n => Assert.True(allowed.Any(a => string.Equals(n, a, StringComparison.Ordinal) || n.StartsWith(a + ".", StringComparison.Ordinal)), $"Phases references {n}"));
    }
}
