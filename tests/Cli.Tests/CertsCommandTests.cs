using System.Globalization;
using System.Text.Json;
using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public class CertsCommandTests
{
    static TempDir Initialised()
    {
        var dir = new TempDir();
        var init = Cli.Run("init", "--files-only", "--rootfs", dir.Path, "--node-name", "node1", "--apiserver-advertise-address", "10.0.0.10");
        Assert.Equal(0, init.ExitCode);
        return dir;
    }

    [Fact]
    public void CertificateKey_Is64RandomHexCharacters()
    {
        var a = Cli.Run("certs", "certificate-key").Out;
        var b = Cli.Run("certs", "certificate-key").Out;

        Assert.Matches("^[0-9a-f]{64}\n$", a);
        Assert.NotEqual(a, b, StringComparer.Ordinal);
    }

    [Fact]
    public void CheckExpiration_AfterInit_ListsKubeadmRowsAndFlagsMissingFiles()
    {
        using var dir = Initialised();
        File.Delete(dir["etc/kubernetes/scheduler.conf"]);

        var result = Cli.Run("certs", "check-expiration", "--rootfs", dir.Path);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.StartsWith("CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED", lines[0], StringComparison.Ordinal);
        Assert.Equal(["admin.conf", "apiserver", "apiserver-etcd-client", "apiserver-kubelet-client", "controller-manager.conf", "etcd-healthcheck-client",
            "etcd-peer", "etcd-server", "front-proxy-client", "!MISSING!", "super-admin.conf"], lines[1..12].Select(l => l.Split(' ')[0]), StringComparer.Ordinal);
        Assert.Matches(@"^apiserver\s+[A-Z][a-z]{2} \d\d, \d{4} \d\d:\d\d UTC\s+36[45]d\s+ca\s+no$", lines[2]);
        Assert.Matches(@"^ca\s+.* UTC\s+9y\s+no$", lines[14]);
    }

    // openssl's -enddate / -startdate line, e.g. "notAfter=Jan  2 03:04:05 2027 GMT"
    static DateTime OpensslDate(string pki, string cert, string which)
    {
        var line = Tool.RunIn(pki, "openssl", "x509", "-in", cert, "-noout", $"-{which}").Out.Trim();
        var text = string.Join(' ', line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return DateTime.ParseExact(text, "MMM d HH:mm:ss yyyy 'GMT'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    [Fact]
    public void InitAndRenew_Validity_IsFromFiveMinutesBeforeNowToExactlyThePeriodAfterAndCheckExpirationShowsIt()
    {
        // kubeadm (cmd/kubeadm/app/phases/certs/certlist.go): NotBefore = start - 5 min, NotAfter = start + validity
        var before = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(-1);
        using var dir = Initialised();
        var after = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(1);
        var pki = dir["etc/kubernetes/pki"];

        foreach (var (cert, days) in ((string, int)[])[("ca.crt", 3650), ("apiserver.crt", 365), ("etcd/ca.crt", 3650), ("front-proxy-client.crt", 365)])
        {
            var notAfter = OpensslDate(pki, cert, "enddate");
            var notBefore = OpensslDate(pki, cert, "startdate");
            Assert.InRange(notAfter, before.AddDays(days), after.AddDays(days));
            Assert.Equal(TimeSpan.FromDays(days) + TimeSpan.FromMinutes(5), notAfter - notBefore);
        }

        var apiserverEnd = OpensslDate(pki, "apiserver.crt", "enddate");
        var report = Cli.Run("certs", "check-expiration", "--rootfs", dir.Path).Out.Split('\n');
        Assert.Contains(report, l => l.StartsWith("apiserver ", StringComparison.Ordinal)
            && l.Contains(apiserverEnd.ToString("MMM dd, yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var renewBefore = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(-1);
        Assert.Equal(0, Cli.Run("certs", "renew", "apiserver", "--rootfs", dir.Path).ExitCode);
        var renewAfter = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(1);
        Assert.InRange(OpensslDate(pki, "apiserver.crt", "enddate"), renewBefore.AddDays(365), renewAfter.AddDays(365));
        Assert.InRange(OpensslDate(pki, "apiserver.crt", "startdate"), renewBefore.AddMinutes(-5), renewAfter.AddMinutes(-5));
    }

    [Fact]
    public void CheckExpiration_Json_IsParseableAndMarksExternalCa()
    {
        using var dir = Initialised();
        File.Delete(dir["etc/kubernetes/pki/front-proxy-ca.key"]);

        var result = Cli.Run("certs", "check-expiration", "--rootfs", dir.Path, "-o", "json");

        using var json = JsonDocument.Parse(result.Out);
        var client = json.RootElement.GetProperty("certificates").EnumerateArray().Single(e => string.Equals(e.GetProperty("name").GetString(), "front-proxy-client", StringComparison.Ordinal));
        Assert.True(client.GetProperty("externallyManaged").GetBoolean());
        Assert.Equal("front-proxy-ca", client.GetProperty("caName").GetString());
    }

    [Fact]
    public void Renew_Apiserver_KeepsNamesNewKeyStillVerifies()
    {
        using var dir = Initialised();
        var pki = dir["etc/kubernetes/pki"];
        var oldKey = File.ReadAllText(Path.Combine(pki, "apiserver.key"));
        var oldSans = Tool.RunIn(pki, "openssl", "x509", "-in", "apiserver.crt", "-noout", "-ext", "subjectAltName").Out;

        var result = Cli.Run("certs", "renew", "apiserver", "--rootfs", dir.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[renew] apiserver renewed", result.Out, StringComparison.Ordinal);
        Assert.NotEqual(oldKey, File.ReadAllText(Path.Combine(pki, "apiserver.key")), StringComparer.Ordinal);
        Assert.Equal(oldSans, Tool.RunIn(pki, "openssl", "x509", "-in", "apiserver.crt", "-noout", "-ext", "subjectAltName").Out);
        Assert.Equal(0, Tool.RunIn(pki, "openssl", "verify", "-CAfile", "ca.crt", "-purpose", "sslserver", "apiserver.crt").ExitCode);
        Assert.Equal(Tool.RunIn(pki, "openssl", "x509", "-in", "apiserver.crt", "-noout", "-pubkey").Out, Tool.RunIn(pki, "openssl", "pkey", "-in", "apiserver.key", "-pubout").Out);
    }

    [Fact]
    public void Renew_All_WithExternalFrontProxyCa_SkipsThatOneAndExitsOne()
    {
        using var dir = Initialised();
        File.Delete(dir["etc/kubernetes/pki/front-proxy-ca.key"]);

        var result = Cli.Run("certs", "renew", "all", "--rootfs", dir.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(10, result.Out.Split('\n').Count(l => l.EndsWith(" renewed", StringComparison.Ordinal)));
        Assert.Contains("front-proxy-client: cannot be renewed: /etc/kubernetes/pki/front-proxy-ca.key is absent (external CA)", result.Err, StringComparison.Ordinal);
        var view = Tool.Run("kubectl", "config", "view", "--kubeconfig", dir["etc/kubernetes/admin.conf"], "-o", "jsonpath={.users[0].name}");
        Assert.Equal("kubernetes-admin", view.Out);
    }
}
