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
        var k = json.RootElement.GetProperty("kubernetes");
        Assert.Equal("v1.37.0", k.GetProperty("default").GetString());
        Assert.Equal("v1.33.0 to v1.38.x", k.GetProperty("supported").GetString());
        Assert.Equal(["v1.33", "v1.34", "v1.35", "v1.36", "v1.37", "v1.38"], k.GetProperty("minors").EnumerateArray().Select(m => m.GetProperty("minor").GetString()), StringComparer.Ordinal);
    }

    [Fact]
    public void Version_Yaml_ReadsBackAsYaml()
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(Cli.Run("version", "-o", "yaml").Out));

        var root = Assert.IsType<YamlDotNet.RepresentationModel.YamlMappingNode>(stream.Documents[0].RootNode);
        var minors = (YamlDotNet.RepresentationModel.YamlSequenceNode)((YamlDotNet.RepresentationModel.YamlMappingNode)root["kubernetes"])["minors"];
        Assert.Equal("2027-10-28", ((YamlDotNet.RepresentationModel.YamlMappingNode)minors[4])["endOfLife"].ToString());
    }

    [Fact]
    public void Version_Text_StatesTheRangeTheDefaultAndTheTableDay() =>
        Assert.Matches(@"^kiln version: v\S+ \(Kubernetes v1\.33\.0 to v1\.38\.x, in support v1\.35 to v1\.37; default v1\.37\.0; version table of 2026-12-02; linux/\w+\)\n$",
            Cli.Run("version").Out);

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
