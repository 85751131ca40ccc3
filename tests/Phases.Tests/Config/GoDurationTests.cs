using Kiln.Phases.Config;

namespace Kiln.Phases.Tests.Config;

public class GoDurationTests
{
    [Theory]
    [InlineData("24h", "24h0m0s")]
    [InlineData("87600h0m0s", "87600h0m0s")]
    [InlineData("90s", "1m30s")]
    [InlineData("1.5m", "1m30s")]
    [InlineData("500ms", "500ms")]
    [InlineData("0", "0s")]
    [InlineData("-1m", "-1m0s")]
    [InlineData("1h2m3.5s", "1h2m3.5s")]
    [InlineData("2us", "2µs")]
    public void ParseThenFormat_MatchesGo(string input, string expected)
    {
        Assert.True(GoDuration.TryParse(input, out var d));
        Assert.Equal(expected, d.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 minutes")]
    [InlineData("m")]
    [InlineData("1d")]
    public void TryParse_NotADuration_Fails(string input) => Assert.False(GoDuration.TryParse(input, out _));
}
