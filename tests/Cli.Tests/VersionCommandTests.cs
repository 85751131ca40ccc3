using System.Text.Json;

namespace Kiln.Cli.Tests;

public class VersionCommandTests
{
    [Fact]
    public void Version_Short_PrintsOnlyTheVersion() =>
        Assert.Matches(@"^v\d+\.\d+\.\d+\n$", Cli.Run("version", "-o", "short").Out);

    [Fact]
    public void Version_Json_IsParseableWithClientVersion()
    {
        var result = Cli.Run("version", "-o", "json");

        using var json = JsonDocument.Parse(result.Out);
        Assert.StartsWith("v", json.RootElement.GetProperty("clientVersion").GetProperty("gitVersion").GetString(), StringComparison.Ordinal);
        Assert.Equal("v1.34.0", json.RootElement.GetProperty("kubernetes").GetProperty("default").GetString());
    }

    [Fact]
    public void Version_Yaml_ReadsBackAsYaml()
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(Cli.Run("version", "-o", "yaml").Out));

        Assert.IsType<YamlDotNet.RepresentationModel.YamlMappingNode>(stream.Documents[0].RootNode);
    }

    [Fact]
    public void Version_BadFormat_IsUsageError()
    {
        var result = Cli.Run("version", "-o", "xml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Help_DocumentsExitCodes() =>
        Assert.Contains("Exit codes: 0 success, 1 failure, 2 usage or input error.", Cli.Run("--help").Out, StringComparison.Ordinal);

    [Fact]
    public void UnknownCommand_IsUsageErrorOnStderr()
    {
        var result = Cli.Run("bogus");

        Assert.Equal((2, ""), (result.ExitCode, result.Out));
        Assert.Contains("'bogus'", result.Err, StringComparison.Ordinal);
    }
}
