using Kiln.ImageBuilder.Build;
using Kiln.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kiln.ImageBuilder.Tests.Safety;

/// <summary>Certificates of an image state: dated by the clock, never by SOURCE_DATE_EPOCH; refused once expired; renewed in place.</summary>
[Collection(BuiltImageGroup.Name)]
public class StateCertificateTests(BuiltImage built)
{
    static Task<ImageBuildResult> TryBuildAsync(string output, string state, DateTimeOffset now, long epoch = Images.Epoch) =>
        ImageBuild.RunAsync(new ImageBuildOptions(Images.Recipe(), output, state, null, epoch, new FakeTimeProvider(now)),
            new RecordingProgress(), NullLogger.Instance, CancellationToken.None);

    static DateTime OpensslDate(string cert, string which) => DateTime.ParseExact(
        Tool.Run("openssl", "x509", "-in", cert, "-noout", $"-{which}").Out.Trim().Split('=')[1].Replace("  ", " ", StringComparison.Ordinal),
        "MMM d HH:mm:ss yyyy 'GMT'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

    [Fact]
    public async Task Certificates_AreDatedByTheClock_FilesByTheEpoch()
    {
        using var dir = new TempDir();
        var now = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

        var result = await TryBuildAsync(dir["out"], dir["state"], now, epoch: 946684800);
        var stat = Tool.Run("debugfs", "-R", "stat /etc/kubernetes/pki/apiserver.crt", $"{Path.Combine(dir["out"], "t.raw")}?offset={1024 * 1024}").Out;

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(now.UtcDateTime.AddMinutes(-5), OpensslDate(Path.Combine(dir["state"], "pki", "apiserver.crt"), "startdate"));
        Assert.Equal(now.UtcDateTime.AddHours(87600), OpensslDate(Path.Combine(dir["state"], "pki", "ca.crt"), "enddate"));
        Assert.Contains("mtime: 0x386d4380", stat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredState_IsRefusedNamingEachCertificateAndTheRenewal()
    {
        using var dir = new TempDir();
        var state = built.CopyState(dir);

        var result = await TryBuildAsync(dir["out"], state, TimeProvider.System.GetUtcNow().AddYears(2));

        Assert.False(result.Succeeded);
        Assert.Contains($"the state {state} holds expired certificates: kubeconfig/admin.conf (expired ", result.Error, StringComparison.Ordinal);
        Assert.Contains("pki/apiserver.crt (expired ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("pki/ca.crt", result.Error, StringComparison.Ordinal);
        Assert.Equal($"renew them with 'kiln image state renew --state {state}', then build again", result.Hint);
        Assert.Empty(Directory.GetFiles(dir["out"]));
    }

    [Fact]
    public async Task ExpiringState_BuildsWithAWarningPerCertificate()
    {
        using var dir = new TempDir();
        var state = built.CopyState(dir);
        var expires = OpensslDate(Path.Combine(state, "pki", "apiserver.crt"), "enddate");

        var result = await TryBuildAsync(dir["out"], state, new DateTimeOffset(expires.AddDays(-10), TimeSpan.Zero));

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains(result.Warnings, w => w.StartsWith("pki/apiserver.crt in the state expires on ", StringComparison.Ordinal)
            && w.Contains(", in 10 days: renew it with 'kiln image state renew --state ", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.StartsWith("pki/ca.crt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Renew_RenewsExpiringLeavesWithTheirLifetime_LeavesTheCas_AndTheStateBuildsAgain()
    {
        using var dir = new TempDir();
        var state = built.CopyState(dir);
        var ca = File.ReadAllBytes(Path.Combine(state, "pki", "ca.crt"));
        var expires = OpensslDate(Path.Combine(state, "pki", "apiserver.crt"), "enddate");
        var now = new DateTimeOffset(expires.AddDays(5), TimeSpan.Zero);

        var renewed = await StateCertificates.RenewAsync(BuildState.OpenExisting(state)!, all: false, authorities: false, now, CancellationToken.None);
        var result = await TryBuildAsync(dir["out"], state, now);

        Assert.Contains(renewed, r => string.Equals(r.Name, "pki/apiserver.crt", StringComparison.Ordinal) && r.Problem is null && r.NewNotAfter == now.AddHours(8760));
        Assert.Contains(renewed, r => string.Equals(r.Name, "kubeconfig/admin.conf", StringComparison.Ordinal));
        Assert.DoesNotContain(renewed, r => r.Name.EndsWith("ca.crt", StringComparison.Ordinal));
        Assert.Equal(ca, File.ReadAllBytes(Path.Combine(state, "pki", "ca.crt")));
        Assert.Equal(now.UtcDateTime.AddHours(8760), OpensslDate(Path.Combine(state, "pki", "apiserver.crt"), "enddate"));
        var verify = Tool.Run("openssl", "verify", "-attime", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-CAfile", Path.Combine(state, "pki", "ca.crt"), Path.Combine(state, "pki", "apiserver.crt"));
        Assert.True(verify.ExitCode == 0, verify.All);
        Assert.True(result.Succeeded, $"{result.Error} {result.Hint}");
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task RenewCas_KeepsTheCaKeyAndPin_SoOldLeavesStillVerify()
    {
        using var dir = new TempDir();
        var state = built.CopyState(dir);
        var pin = BuildState.OpenExisting(state)!.CaPin();
        var key = File.ReadAllBytes(Path.Combine(state, "pki", "ca.key"));
        var leaf = File.ReadAllBytes(Path.Combine(state, "pki", "apiserver.crt"));
        var now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().AddDays(1).ToUnixTimeSeconds());

        var renewed = await StateCertificates.RenewAsync(BuildState.OpenExisting(state)!, all: false, authorities: true, now, CancellationToken.None);

        Assert.Equal(["pki/ca.crt", "pki/etcd/ca.crt", "pki/front-proxy-ca.crt"], renewed.Select(r => r.Name).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal(pin, BuildState.OpenExisting(state)!.CaPin());
        Assert.Equal(key, File.ReadAllBytes(Path.Combine(state, "pki", "ca.key")));
        Assert.Equal(leaf, File.ReadAllBytes(Path.Combine(state, "pki", "apiserver.crt")));
        Assert.Equal(now.UtcDateTime.AddHours(87600), OpensslDate(Path.Combine(state, "pki", "ca.crt"), "enddate"));
        var verify = Tool.Run("openssl", "verify", "-attime", now.AddMinutes(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-CAfile", Path.Combine(state, "pki", "ca.crt"), Path.Combine(state, "pki", "apiserver.crt"));
        Assert.True(verify.ExitCode == 0, verify.All);
    }
}
