using System.Text;
using Kiln.Phases.Certs;
using Kiln.Phases.Targets;
using Kiln.Phases.Tokens;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Tokens;

public class TokenTests
{
    const string Kubeconfig = "apiVersion: v1\nclusters:\n- cluster:\n    server: https://10.0.0.10:6443\n  name: \"\"\nkind: Config\n";

    [Fact]
    public void Generate_IsWellFormedAndRandomAndNeverPrintsItsSecret()
    {
        var a = BootstrapTokenString.Generate();
        var b = BootstrapTokenString.Generate();

        Assert.Matches("^[a-z0-9]{6}\\.[a-z0-9]{16}$", a.Reveal());
        Assert.NotEqual(a.Reveal(), b.Reveal(), StringComparer.Ordinal);
        Assert.Equal($"{a.Id}.<redacted>", a.ToString());
        Assert.DoesNotContain(a.Secret, a.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abcdef.0123456789abcdef", true)]
    [InlineData("ABCDEF.0123456789abcdef", false)]
    [InlineData("abcdef0123456789abcdef", false)]
    [InlineData("abcde.0123456789abcdef", false)]
    public void TryParse_FollowsTheTokenGrammar(string text, bool valid) => Assert.Equal(valid, BootstrapTokenString.TryParse(text) is not null);

    [Fact]
    public void Sign_FixedToken_MatchesHmacFromOpenssl()
    {
        var token = BootstrapTokenString.TryParse("abcdef.0123456789abcdef")!;
        using var dir = new TempDir();
        var header = "eyJhbGciOiJIUzI1NiIsImtpZCI6ImFiY2RlZiJ9";
        var input = $"{header}.{Convert.ToBase64String(Encoding.UTF8.GetBytes(Kubeconfig)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        File.WriteAllText(Path.Combine(dir.Path, "input"), input);

        var hex = Tool.Run("openssl", "dgst", "-sha256", "-hmac", "0123456789abcdef", Path.Combine(dir.Path, "input")).Out.Trim().Split(' ')[^1];
        var expected = Convert.ToBase64String(Convert.FromHexString(hex)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Equal($"{header}..{expected}", ClusterInfoSignature.Sign(Kubeconfig, token));
    }

    [Fact]
    public void Verify_RejectsOtherTokenTamperedPayloadAndAttachedForm()
    {
        var token = BootstrapTokenString.TryParse("abcdef.0123456789abcdef")!;
        var jws = ClusterInfoSignature.Sign(Kubeconfig, token);

        Assert.True(ClusterInfoSignature.Verify(Kubeconfig, jws, token));
        Assert.False(ClusterInfoSignature.Verify(Kubeconfig, jws, BootstrapTokenString.TryParse("abcdef.0123456789abcdee")!));
        Assert.False(ClusterInfoSignature.Verify(Kubeconfig.Replace("10.0.0.10", "10.6.6.6", StringComparison.Ordinal), jws, token));
        Assert.False(ClusterInfoSignature.Verify(Kubeconfig, jws.Replace("..", ".e30.", StringComparison.Ordinal), token));
    }

    [Fact]
    public async Task CaPin_OfKilnsCa_MatchesTheOpensslRecipe()
    {
        using var dir = new TempDir();
        await PhaseRuns.RunAsync(Workflows.Init, InitConfigs.Load(), new HostRoot(dir.Path), "certs/ca");
        var ca = dir["etc/kubernetes/pki/ca.crt"];
        var pub = Path.Combine(dir.Path, "pub.pem");
        var der = Path.Combine(dir.Path, "pub.der");
        File.WriteAllText(pub, Tool.Run("openssl", "x509", "-in", ca, "-pubkey", "-noout").Out);
        Tool.Run("openssl", "pkey", "-pubin", "-in", pub, "-outform", "der", "-out", der);

        var expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(der)));

        Assert.Equal(expected, CaPin.Of(Pem.DecodeCertificate(File.ReadAllBytes(ca), ca)));
    }
}
