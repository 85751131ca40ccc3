using Kiln.Phases.Certs;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.Targets;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.Certs;

/// <summary>
/// Validity windows as kubeadm sets them (cmd/kubeadm/app/phases/certs/certlist.go, GetConfig): NotBefore is the start time
/// minus 5 minutes, NotAfter the start time plus the validity period, for CAs, leaves, kubeconfig client certs and renewals.
/// </summary>
public class ValidityTests
{
    static readonly DateTime s_now = TestContexts.Epoch.UtcDateTime;

    static IEnumerable<(string Name, Org.BouncyCastle.X509.X509Certificate Cert, bool IsCa)> Everything(MemoryRoot root, PkiInputs inputs)
    {
        foreach (var spec in CertSpecs.All)
        {
            yield return (spec.Name, Pem.DecodeCertificate(root.ReadAllBytes(spec.CertPath(inputs)), spec.Name), spec.IsCa);
        }

        foreach (var kubeconfig in KubeConfigSpecs.All)
        {
            var cert = CertInventory.Read(root, new CertEntry(kubeconfig.FileName, kubeconfig.Path, CertSpecs.Ca, null, kubeconfig));
            yield return (kubeconfig.FileName, cert!, false);
        }
    }

    [Theory]
    [InlineData("", 87600, 8760)]
    [InlineData("certificateValidityPeriod: 48h\ncaCertificateValidityPeriod: 720h\n", 720, 48)]
    public async Task Init_EveryCertificate_StartsFiveMinutesEarlyAndEndsValidityAfterNow(string clusterYaml, int caHours, int leafHours)
    {
        var root = new MemoryRoot();
        var config = InitConfigs.Load(clusterYaml);

        var (result, _) = await PhaseRuns.RunAsync(Workflows.Init, config, root, "certs", "kubeconfig");

        Assert.True(result.Succeeded, result.Error?.Message);
        var all = Everything(root, PkiInputs.For(config)).ToList();
        Assert.Equal(CertSpecs.All.Count + KubeConfigSpecs.All.Count, all.Count);
        var wrong = all.Where(c => c.Cert.NotBefore != s_now.AddMinutes(-5) || c.Cert.NotAfter != s_now.AddHours(c.IsCa ? caHours : leafHours))
            .Select(c => $"{c.Name}: {c.Cert.NotBefore:O} to {c.Cert.NotAfter:O}");
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Renew_LeafAndKubeconfig_AreValidFromFiveMinutesBeforeRenewalForTheLeafPeriod()
    {
        var root = new MemoryRoot();
        var config = InitConfigs.Load("certificateValidityPeriod: 100h\n");
        await PhaseRuns.RunAsync(Workflows.Init, config, root, "certs", "kubeconfig");
        var inputs = PkiInputs.For(config);
        var later = TestContexts.Epoch.AddDays(30);

        foreach (var entry in CertInventory.Leaves(inputs).Where(e => e.Name is "apiserver" or "admin.conf"))
        {
            Assert.Null(await CertRenewal.RenewAsync(root, inputs, entry, new KeyPool(), later, CancellationToken.None));
            var cert = CertInventory.Read(root, entry)!;
            Assert.Equal(later.UtcDateTime.AddMinutes(-5), cert.NotBefore);
            Assert.Equal(later.UtcDateTime.AddHours(100), cert.NotAfter);
        }
    }
}
