using Kiln.Phases.Config;
using Kiln.Phases.Config.Yaml;

namespace Kiln.Phases.Tests.Config;

public class YamlSourceTests
{
    static ConfigError LoadFails(string text)
    {
        var findings = new List<ConfigError>();

        var documents = YamlSource.Load("f.yaml", text, findings);

        Assert.Null(documents);
        return Assert.Single(findings);
    }

    [Theory]
    // nested mapping
    [InlineData("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n", "c", 5, 3, 3)]
    // the second list item's own first 'name', not the first item's
    [InlineData("items:\n  - name: a\n    value: 1\n  - value: 2\n    name: b\n    name: c\n", "name", 6, 5, 5)]
    // 'x' as a value and as a nested mapping's key does not count
    [InlineData("m:\n  k: x\n  n:\n    x: 1\n  x: 2\n  x: 3\n", "x", 6, 3, 5)]
    public void DuplicateKey_NamesTheKeyAtTheSecondAndTheFirstLine(string text, string key, int line, int column, int firstLine)
    {
        var error = LoadFails(text);

        Assert.Equal($"duplicate key '{key}'", error.Message);
        Assert.Equal(new SourceLocation("f.yaml", line, column, 1), error.At);
        Assert.Equal($"a key may appear once per mapping; it is first at line {firstLine}: keep the one you mean", error.Hint);
    }

    [Fact]
    public void UnclosedFlowList_IsALocatedError_NotACrash()
    {
        // YamlDotNet throws InvalidOperationException here, not a YamlException
        var error = LoadFails("a: [1, 2\nb: 3\n");

        Assert.Equal("YAML syntax error: the text cannot be read past here", error.Message);
        Assert.Equal(1, error.At.Line);
        Assert.Contains("'['", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxError_IsLocatedWithoutTheParserPrefix()
    {
        var error = LoadFails("a: b: c\n");

        Assert.StartsWith("YAML syntax error: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line:", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.At.Line);
    }

    [Fact]
    public void EmptyDocuments_AreLeftOut()
    {
        var findings = new List<ConfigError>();

        var documents = YamlSource.Load("f.yaml", "---\na: 1\n---\n---\nb: 2\n", findings);

        Assert.Empty(findings);
        Assert.Equal(2, documents!.Count);
    }
}
