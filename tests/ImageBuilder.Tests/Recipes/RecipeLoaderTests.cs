using Kiln.ImageBuilder.Recipes;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests.Recipes;

public class RecipeLoaderTests
{
    [Theory]
    [InlineData("single-node.yaml", NodeRole.ControlPlane)]
    [InlineData("worker.yaml", NodeRole.Worker)]
    public void ShippedRecipe_LoadsWithoutFindings(string file, NodeRole role)
    {
        var path = Repo.File("images", file);

        var loaded = RecipeLoader.Load(path, File.ReadAllText(path));

        Assert.True(loaded.Findings.Count == 0, loaded.Render());
        Assert.Equal(role, loaded.Recipe!.Role);
    }

    [Fact]
    public void SingleNode_DefaultsTheDiskAndConfig()
    {
        var path = Repo.File("images", "single-node.yaml");

        var recipe = RecipeLoader.Load(path, File.ReadAllText(path)).Recipe!;

        Assert.Equal(256L * 1024 * 1024, recipe.Disk.Size);
        Assert.Equal("root", Assert.Single(recipe.Disk.Partitions, p => p.HoldsNode).Label);
        Assert.Equal("node-1", recipe.Config.Init!.NodeRegistration.Name);
        Assert.Equal("/etc/kubernetes/pki", recipe.Config.Cluster!.CertificatesDir);
    }

    [Fact]
    public void BrokenRecipe_ReportsEveryErrorLocated()
    {
        const string Text = """
            apiVersion: kiln.dev/v1alpha1
            kind: ImageRecipe
            name: Bad_Name
            role: workr
            kubeadm:
              inline: |
                apiVersion: kubeadm.k8s.io/v1beta4
                kind: InitConfiguration
                nodeRegistration:
                  name: node-1
                localAPIEndpoint:
                  advertiseAddress: 10.0.0.300
            disk:
              size: 10 MB
              partitions:
                - label: root
                  filesystem: xfs
                  contents: node
            formats: [raw, qcow]
            extra: 1
            """;

        var loaded = RecipeLoader.Load("broken.yaml", Text);

        Assert.Null(loaded.Recipe);
        Snapshot.Match(loaded.Render(), "errors/recipe-broken");
    }

    [Fact]
    public void DuplicateKey_IsLocatedAndNamesTheKeyAndItsFirstLine()
    {
        const string Text = """
            apiVersion: kiln.dev/v1alpha1
            kind: ImageRecipe
            name: t
            disk:
              size: 64MiB
              size: 128MiB
            role: worker
            """;

        var loaded = RecipeLoader.Load("dup.yaml", Text);

        Assert.Null(loaded.Recipe);
        Snapshot.Match(loaded.Render(), "errors/recipe-duplicate-key");
    }

    [Fact]
    public void Overrides_SetNestedFieldsAndMakeMissingMappings()
    {
        KeyValuePair<string, string>[] overrides = [new("disk.size", "512MiB"), new("base.image", "b.raw"), new("base.partition", "rootfs")];

        var loaded = RecipeLoader.Load("dir/t.yaml", Images.RecipeText(), overrides);

        Assert.True(loaded.Findings.Count == 0, loaded.Render());
        Assert.Equal(512L * 1024 * 1024, loaded.Recipe!.Disk.Size);
        Assert.Equal(new BaseImage(Path.Combine("dir", "b.raw"), "rootfs"), loaded.Recipe.Base);
    }

    [Fact]
    public void InlineKubeadmError_PointsIntoTheRecipe()
    {
        var text = Images.RecipeText().Replace("advertiseAddress: 10.0.0.10", "advertiseAddress: 10.0.0.300", StringComparison.Ordinal);

        var loaded = RecipeLoader.Load("r.yaml", text);

        var error = Assert.Single(loaded.Findings);
        var line = text.Split('\n')[error.At.Line - 1];
        Assert.Equal("10.0.0.300", line.Substring(error.At.Column - 1, "10.0.0.300".Length));
    }

    [Fact]
    public void Set_OverridesAFieldBeforeValidation()
    {
        var loaded = RecipeLoader.Load("r.yaml", Images.RecipeText(), [new("disk.size", "128MiB"), new("role", "control-plane")]);

        Assert.Equal(128L * 1024 * 1024, loaded.Recipe!.Disk.Size);
    }

    [Fact]
    public void SetName_OnARecipeNamedAfterItsNode_RenamesTheNodeToo()
    {
        var loaded = RecipeLoader.Load("r.yaml", Images.RecipeText(name: "node-1"), [new("name", "node-2")]);

        Assert.True(loaded.Recipe is not null, loaded.Render());
        Assert.Equal("node-2", loaded.Recipe.Name);
        Assert.Equal("node-2", loaded.Recipe.Config.Init!.NodeRegistration.Name);
    }

    [Fact]
    public void SetName_OnARecipeWhoseNodeHasAnotherName_IsRefusedWithTheReason()
    {
        var loaded = RecipeLoader.Load("r.yaml", Images.RecipeText(name: "t"), [new("name", "other")]);

        Assert.Null(loaded.Recipe);
        var error = Assert.Single(loaded.Findings);
        Assert.Equal("name", error.Field);
        Assert.Equal("--set name=other would rename the image only: its node is 'node-1' (the kubeadm config's nodeRegistration.name), not the recipe's name 't'",
            error.Message);
        Assert.StartsWith("set the node's name in the kubeadm config", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongKind_IsOneLocatedError()
    {
        var loaded = RecipeLoader.Load("r.yaml", "apiVersion: kiln.dev/v1alpha1\nkind: InitConfiguration\n");

        var error = Assert.Single(loaded.Findings);
        Assert.Equal((2, "kind"), (error.At.Line, error.Field));
    }

    [Fact]
    public void ControlPlaneWithoutNodeName_IsRejected()
    {
        var text = Images.RecipeText().Replace("      name: node-1\n", "", StringComparison.Ordinal);

        var loaded = RecipeLoader.Load("r.yaml", text);

        Assert.Contains(loaded.Findings, f => f.Message.Contains("nodeRegistration.name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("single-node")]
    [InlineData("worker")]
    public void ShippedRecipe_DefaultedFormMatchesItsSnapshot(string name)
    {
        var path = Repo.File("images", $"{name}.yaml");

        var r = RecipeLoader.Load(path, File.ReadAllText(path)).Recipe!;

        var lines = new List<string> { $"name: {r.Name}", $"role: {r.Role}", $"formats: {string.Join(", ", r.Formats)}", $"disk.size: {r.Disk.Size}" };
        lines.AddRange(r.Disk.Partitions.Select(p => $"partition: {p.Label} type={p.Type} size={(p.Size == 0 ? "rest" : p.Size)} fs={p.Filesystem} node={p.HoldsNode}"));
        lines.Add($"base: {r.Base?.Path ?? "none"}");
        lines.Add("kubeadm:");
        lines.Add(Kiln.Phases.Config.ConfigPrinter.Write(r.Config));
        Snapshot.Match(string.Join("\n", lines), $"images/{name}");
    }
}
