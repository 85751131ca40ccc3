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

    [Fact]
    public void FrontEnds_DoNotComposeJoinInputs_TheyCallTheJoinSession()
    {
        // discovery, the cluster reads and the join inputs live in Kiln.Phases.Sessions; the CLI, the TUI and the image
        // builder describe a source and call JoinSession
        string[] composition = ["JoinInputs", "JoinFacts", "ClusterFacts", "TokenDiscovery.", "DiscoveredCluster", "ReadNamespacedConfigMapAsync(UploadConfigPhases", "KubeletFiles.Config("];
        var offenders = (string[])["src/Cli", "src/Tui", "src/ImageBuilder"];
        var found = offenders.SelectMany(d => Directory.EnumerateFiles(Path.Combine(Kiln.TestKit.Repo.Root, d), "*.cs", SearchOption.AllDirectories))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => composition.Any(c => x.line.Contains(c, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(Kiln.TestKit.Repo.Root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(found);
    }
}
