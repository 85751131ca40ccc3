using Kiln.Phases.Net;

namespace Kiln.Phases.Tests.Net;

public class NetParseTests
{
    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("1", false)]
    [InlineData("10.0.1", false)]
    [InlineData("10.0.0.256", false)]
    [InlineData("010.0.0.1", false)]
    [InlineData("[::1]", false)]
    [InlineData("example.com", false)]
    public void TryParseIp_IsStrict(string text, bool ok) => Assert.Equal(ok, NetParse.TryParseIp(text, out _));

    [Theory]
    [InlineData("10.96.0.0/12", 1, "10.96.0.1")]
    [InlineData("10.96.0.0/12", 10, "10.96.0.10")]
    [InlineData("10.96.5.7/12", 10, "10.96.0.10")]
    [InlineData("fd00:10:96::/112", 10, "fd00:10:96::a")]
    public void Nth_OfServiceCidr_GivesServiceIps(string cidr, int n, string expected)
    {
        Assert.True(NetParse.TryParseCidr(cidr, out var c, out _));
        Assert.Equal(expected, c.Nth(n).ToString());
    }

    [Theory]
    [InlineData("lb.example.com:6443", "lb.example.com", "6443")]
    [InlineData("lb.example.com", "lb.example.com", null)]
    [InlineData("[fd00::1]:6443", "fd00::1", "6443")]
    [InlineData("fd00::1", "fd00::1", null)]
    public void TrySplitHostPort_Splits(string text, string host, string? port)
    {
        Assert.True(NetParse.TrySplitHostPort(text, out var h, out var p));
        Assert.Equal((host, port), (h, p));
    }
}
