using Kiln.TestKit;
using Kiln.Tui.Models;

namespace Kiln.Tui.Tests.Models;

public class ThemeAndStartTests
{
    [Theory]
    [InlineData(null, null, "xterm-256color", TuiTheme.Default)]
    [InlineData(null, "1", "xterm-256color", TuiTheme.Mono)]
    [InlineData(null, "", "linux", TuiTheme.Serial)]
    [InlineData(null, null, "vt220", TuiTheme.Serial)]
    [InlineData("default", "1", "linux", TuiTheme.Default)]
    [InlineData("serial", null, null, TuiTheme.Serial)]
    [InlineData("mono", null, null, TuiTheme.Mono)]
    [InlineData("pink", null, null, null)]
    public void Theme_FlagThenNoColorThenTerm(string? flag, string? noColor, string? term, TuiTheme? expected)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["NO_COLOR"] = noColor, ["TERM"] = term };

        Assert.Equal(expected, TuiThemes.Resolve(flag, k => env.GetValueOrDefault(k)));
    }

    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData(null, null, "C", false)]
    [InlineData(null, null, "POSIX", false)]
    [InlineData(null, null, "en_US.UTF-8", true)]
    [InlineData(null, null, "C.utf8", true)]
    [InlineData(null, "C", "en_US.UTF-8", false)]
    [InlineData("C", "en_US.UTF-8", "en_US.UTF-8", false)]
    [InlineData("de_DE.UTF-8", null, "C", true)]
    [InlineData("", "", "en_US.ISO-8859-1", false)]
    public void Utf8_TheFirstSetOfLcAllLcCtypeLang(string? lcAll, string? lcCtype, string? lang, bool expected)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["LC_ALL"] = lcAll, ["LC_CTYPE"] = lcCtype, ["LANG"] = lang };

        Assert.Equal(expected, TuiThemes.Utf8(k => env.GetValueOrDefault(k)));
    }

    [Theory]
    [InlineData(TuiTheme.Default, true, false)]
    [InlineData(TuiTheme.Default, false, true)]
    [InlineData(TuiTheme.Serial, true, true)]
    [InlineData(TuiTheme.Mono, true, true)]
    public void Ascii_SerialAndMonoThemesAndAnyTerminalWithoutUtf8(TuiTheme theme, bool utf8, bool ascii)
    {
        var options = TuiTestOptions.Create(ScriptedRunner.Success(), "/nonexistent/log") with { Theme = theme, Utf8Terminal = utf8 };

        Assert.Equal(ascii, options.Ascii);
    }

    [Theory]
    [InlineData(1, "kiln join HOST:PORT --token T")]
    [InlineData(2, "kiln image build")]
    public void Start_ChoicesTheTuiLacks_SayWhichCommandToUse(int choice, string command)
    {
        var start = new StartModel(TuiTestOptions.Defaults, null, TestHost.Facts, "/") { Choice = choice };

        Assert.Null(start.Next(TuiTestOptions.Choices));
        Assert.Contains(command, start.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_TypedConfigPath_LoadsAndPrefills()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["c.yaml"], TuiTestOptions.Complete.Replace("node1", "typed-node", StringComparison.Ordinal));
        var start = new StartModel(TuiTestOptions.Defaults, null, TestHost.Facts, dir.Path) { ConfigPath = "c.yaml" };

        var wizard = start.Next(TuiTestOptions.Choices);

        Assert.Equal("typed-node", wizard?.Draft.NodeName);
        Assert.Equal("10.244.0.0/16", wizard?.Draft.PodSubnet);
    }

    [Fact]
    public void Start_MissingConfigFile_StaysWithTheReason()
    {
        using var dir = new TempDir();
        var start = new StartModel(TuiTestOptions.Defaults, null, TestHost.Facts, dir.Path) { ConfigPath = "nope.yaml" };

        Assert.Null(start.Next(TuiTestOptions.Choices));
        Assert.Equal("cannot read nope.yaml: no such file", start.Message);
    }

    [Fact]
    public void Start_JoinOnlyConfig_IsRefusedWithTheReason()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["join.yaml"], "apiVersion: kubeadm.k8s.io/v1beta4\nkind: JoinConfiguration\ndiscovery:\n  bootstrapToken:\n"
            + "    apiServerEndpoint: 10.0.0.1:6443\n    token: abcdef.0123456789abcdef\n    unsafeSkipCAVerification: true\n");
        var start = new StartModel(TuiTestOptions.Defaults, null, TestHost.Facts, dir.Path) { ConfigPath = "join.yaml" };

        Assert.Null(start.Next(TuiTestOptions.Choices));
        Assert.Equal("cannot use join.yaml: it holds no InitConfiguration or ClusterConfiguration (a join config?)", start.Message);
    }

    [Fact]
    public void Redaction_HidesTokensAndTheCertificateKey()
    {
        var yaml = "bootstrapTokens:\n- token: abcdef.0123456789abcdef\ncertificateKey: 00ff\nname: x\n";

        Assert.Equal("bootstrapTokens:\n- token: <redacted>\ncertificateKey: <redacted>\nname: x\n", YamlRedaction.Redact(yaml));
    }

    [Fact]
    public void Start_LoadedFileWithErrors_ShowsThemAtTheirFieldsFromTheFirstStep()
    {
        var loaded = TuiTestOptions.Load(TuiTestOptions.Complete.Replace("10.244.0.0/16", "10.244.0.0/33", StringComparison.Ordinal));
        var start = new StartModel(TuiTestOptions.Defaults, loaded, TestHost.Facts, "/");

        var wizard = start.Next(TuiTestOptions.Choices)!;

        Assert.Contains("1 error(s) to fix", start.Message, StringComparison.Ordinal);
        var podSubnet = wizard.Fields.Single(f => string.Equals(f.Path, "networking.podSubnet", StringComparison.Ordinal));
        Assert.Equal("'10.244.0.0/33' is not a valid CIDR", wizard.FindingFor(podSubnet)?.Message);
        Assert.True(wizard.Next());
        Assert.False(wizard.Next());
    }
}
