using Kiln.Phases.Config;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Config;

public class BrokenConfigTests
{
    static readonly string s_dir = Repo.File("tests", "Phases.Tests", "Config", "Fixtures", "broken");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(s_dir, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(f));
        }

        return data;
    }

    [Fact]
    public void Fixtures_AreAtLeastTwentyFive() => Assert.True(Fixtures().Count >= 25);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Load_BrokenFixture_ReportsExactlyOneLocatedErrorAndMatchesGolden(string name)
    {
        var file = $"{name}.yaml";
        var text = File.ReadAllText(Path.Combine(s_dir, file));

        var result = ConfigLoader.Load(file, text, TestHost.Facts);

        var errors = result.Findings.Where(f => f.Severity == Severity.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Equal(file, error.At.File);
        if (!string.Equals(name, "empty-file", StringComparison.Ordinal))
        {
            Assert.True(error.At.Line > 0, $"{name}: the error has no line: {error}");
        }

        Snapshot.Match(result.Render(), $"errors/{name}");
    }

    [Fact]
    public void Load_ManyFaults_ReportsAllSortedByLocation()
    {
        const string Text = """
            apiVersion: kubeadm.k8s.io/v1beta4
            kind: ClusterConfiguration
            networking:
              podSubnet: 10.244.0.0/33
              dnsDomain: Bad_Domain
            certificatesDir: relative/pki
            clusterNmae: demo
            """;

        var result = ConfigLoader.Load("many.yaml", Text, TestHost.Facts);

        Assert.True(result.HasErrors);
        Assert.Equal([4, 5, 6, 7], result.Findings.Select(f => f.At.Line).Order());
        Assert.Contains("did you mean 'clusterName'?", result.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BadValue_PutsCaretUnderTheValue()
    {
        var result = ConfigLoader.Load("c.yaml", "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.244.0.0/33\n", TestHost.Facts);

        var lines = result.Render().Split('\n');

        Assert.StartsWith("c.yaml:4:14: error: networking.podSubnet: '10.244.0.0/33' is not a valid CIDR", lines[0], StringComparison.Ordinal);
        Assert.Equal(" 4 |   podSubnet: 10.244.0.0/33", lines[1]);
        Assert.Equal("   |              ^^^^^^^^^^^^^ prefix length must be between 0 and 32", lines[2]);
    }

    [Fact]
    public void Load_TokenErrors_NeverEchoTheSecret()
    {
        var text = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nnodeRegistration:\n  name: node1\nbootstrapTokens:\n- {token: SECRET.0123456789abcdef}\n";

        var rendered = ConfigLoader.Load("t.yaml", text, TestHost.Facts).Render();

        Assert.Contains("t.yaml:6:11: error: bootstrapTokens[0].token: the bootstrap token is malformed", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", rendered, StringComparison.Ordinal);
    }
}
