using Kiln.TestKit;
using Kiln.Tui.Models;

namespace Kiln.Tui.Tests.Models;

public class JoinModelTests
{
    const string Pin = "sha256:6a1f0c1d31e7d7f5b1a4b9f3b2b1d6c4e3f9a8d7c6b5a4f3e2d1c0b9a8f7e6d5";

    [Theory]
    [InlineData("", true, "sha256: then 64 hex digits")]
    [InlineData("sha", true, "sha256: then 64 hex digits")]
    [InlineData("sha256:", true, "0 of 64 hex digits")]
    [InlineData("sha256:ABCdef", true, "6 of 64 hex digits")]
    [InlineData(Pin, true, "a well-formed sha256 pin")]
    [InlineData(Pin + "0", false, "65 hex digits; a sha256 pin has 64")]
    [InlineData("sha1:00", false, "must start with 'sha256:' (column 1)")]
    [InlineData("sha256:00z", false, "'z' at column 10 is not a hex digit (0-9, a-f)")]
    [InlineData(Pin + ",sha256:01", true, "pin 2: 2 of 64 hex digits")]
    [InlineData("sha256:01, " + Pin, false, "pin 1: 2 hex digits; a sha256 pin has 64")]
    [InlineData(Pin + ", " + Pin, true, "2 well-formed sha256 pins")]
    [InlineData(Pin + ", md5:0", false, "pin 2: must start with 'sha256:' (column 74)")]
    public void CaPins_AreCheckedAsTyped(string typed, bool ok, string text)
    {
        var check = TypedChecks.CaPins(typed);

        Assert.Equal(new TypedCheck(ok, text), check);
    }

    [Theory]
    [InlineData("abc", true, "3 of 6 characters of the id")]
    [InlineData("abcdef.0123", true, "4 of 16 characters of the secret")]
    [InlineData("abcdef.0123456789abcdef", true, "a well-formed token")]
    [InlineData("abcdef.0123456789abcdef0", false, "the secret has 17 characters; 16 expected")]
    [InlineData("abcDef", false, "column 4 is not a-z, 0-9 or '.'")]
    [InlineData("abc.def", false, "the id has 6 characters, then one '.'")]
    [InlineData("abcdefg", false, "the id has 6 characters, then '.'")]
    public void Token_IsCheckedAsTyped_WithoutRepeatingIt(string typed, bool ok, string text)
    {
        var check = TypedChecks.Token(typed);

        Assert.Equal(new TypedCheck(ok, text), check);
        Assert.DoesNotContain(typed, check!.Text, StringComparison.Ordinal);
    }

    static JoinModel Model() => new(TestHost.Facts, TuiTestOptions.Choices, "/work");

    [Fact]
    public void Next_EmptyDiscovery_StaysWithTheValidatorsErrorsAtTheirFields()
    {
        var model = Model();

        Assert.False(model.Next());

        Assert.Equal(JoinStep.Discovery, model.Step);
        var fields = model.FieldsOf(JoinStep.Discovery).ToDictionary(f => f.Path, StringComparer.Ordinal);
        Assert.Equal("the API server endpoint is required", model.FindingFor(fields["discovery.bootstrapToken.apiServerEndpoint"])?.Message);
        Assert.Equal("the discovery token is required", model.FindingFor(fields["discovery.bootstrapToken.token"])?.Message);
        Assert.Equal("no CA pin is given", model.FindingFor(fields["discovery.bootstrapToken.caCertHashes"])?.Message);
    }

    [Fact]
    public void Apply_TheNodeAddress_IsTheKubeletsNodeIp_AndABadOneIsAnErrorAtItsField()
    {
        var model = Model();
        model.Draft.Endpoint = "10.0.0.10:6443";
        model.Draft.Token = "abcdef.0123456789abcdef";
        model.Draft.CaCertHashes = Pin;
        Assert.True(model.Next());
        model.Draft.NodeAddress = "10.0.0.300";

        Assert.False(model.Next());
        var address = model.FieldsOf(JoinStep.Node).Single(f => string.Equals(f.Path, JoinFields.NodeIpField, StringComparison.Ordinal));
        Assert.Equal("'10.0.0.300' is not an IP address", model.FindingFor(address)?.Message);

        model.Draft.NodeAddress = "192.168.1.20";
        Assert.True(model.Next());
        var arg = Assert.Single(model.Join.NodeRegistration.KubeletExtraArgs!);
        Assert.Equal(("node-ip", "192.168.1.20"), (arg.Name, arg.Value));
        Assert.Equal("abcdef.0123456789abcdef", model.Join.Discovery.TlsBootstrapToken);
        Assert.Contains("tlsBootstrapToken: <redacted>", model.ScreenYaml, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", model.ScreenYaml, StringComparison.Ordinal);
        Assert.True(model.Next());
    }

    [Fact]
    public void Draft_StartsWithTheHostsNameAndTheDefaultSocket()
    {
        var model = Model();

        Assert.Equal(TestHost.Facts.Hostname.ToLowerInvariant(), model.Draft.NodeName);
        Assert.Equal("unix:///var/run/containerd/containerd.sock", model.Draft.CriSocket);
        Assert.Equal(["10.0.0.10", "192.168.1.20"], model.Fields.Single(f => string.Equals(f.Path, JoinFields.NodeIpField, StringComparison.Ordinal)).Choices);
    }

    [Fact]
    public void Back_KeepsEverythingTyped()
    {
        var model = Model();
        model.Draft.Endpoint = "10.0.0.10:6443";
        model.Draft.Token = "abcdef.0123456789abcdef";
        model.Draft.CaCertHashes = Pin;
        model.Next();
        model.Draft.NodeAddress = "10.0.0.10";

        Assert.True(model.Back());
        Assert.False(model.Back());

        Assert.Equal(("10.0.0.10:6443", Pin, "10.0.0.10"), (model.Draft.Endpoint, model.Draft.CaCertHashes, model.Draft.NodeAddress));
    }
}
