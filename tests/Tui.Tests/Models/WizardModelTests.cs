using Kiln.Phases.Config;
using Kiln.TestKit;
using Kiln.Tui.Models;

namespace Kiln.Tui.Tests.Models;

public class WizardModelTests
{
    static WizardModel Complete() => new(TuiTestOptions.Load(TuiTestOptions.Complete).Config!, TestHost.Facts, TuiTestOptions.Choices);

    static FieldSpec Field(WizardModel model, string path) => model.Fields.Single(f => string.Equals(f.Path, path, StringComparison.Ordinal));

    [Fact]
    public void Wizard_CompleteConfig_NextWalksEveryStepToTheRun()
    {
        var model = Complete();

        var moves = Enumerable.Range(0, WizardModel.Steps.Count).Select(_ => model.Next()).ToList();

        Assert.All(moves, Assert.True);
        Assert.Equal(WizardStep.Review, model.Step);
        Assert.True(model.IsValid);
    }

    [Fact]
    public void Wizard_BadPodSubnet_ErrorSitsAtThePodSubnetFieldWithItsHint()
    {
        var model = Complete();
        model.Next();
        model.Draft.PodSubnet = "10.244.0.0/33";

        var moved = model.Next();

        Assert.False(moved);
        Assert.Equal(WizardStep.Cluster, model.Step);
        var finding = model.FindingFor(Field(model, "networking.podSubnet"));
        Assert.NotNull(finding);
        Assert.Contains("'10.244.0.0/33' is not a valid CIDR", WizardModel.Describe(finding), StringComparison.Ordinal);
        Assert.Contains("hint: e.g. 10.244.0.0/16", WizardModel.Describe(finding), StringComparison.Ordinal);
        Assert.Null(model.FindingFor(Field(model, "networking.serviceSubnet")));
    }

    [Fact]
    public void Wizard_ErrorOnALaterStep_DoesNotBlockTheCurrentOne()
    {
        var model = Complete();
        model.Draft.EncryptionAlgorithm = "DSA";

        Assert.True(model.Next());

        Assert.Equal(WizardStep.Cluster, model.Step);
    }

    [Fact]
    public void Wizard_Back_KeepsWhatWasTyped()
    {
        var model = Complete();
        model.Draft.NodeName = "cp-7";
        model.Next();
        model.Draft.DnsDomain = "example.internal";
        model.Next();

        model.Back();
        model.Back();

        Assert.Equal(WizardStep.Node, model.Step);
        Assert.Equal("cp-7", model.Draft.NodeName);
        Assert.Equal("example.internal", model.Draft.DnsDomain);
        Assert.Contains("name: cp-7", model.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Wizard_RunWithAnErrorOnAnEarlierStep_GoesBackToThatStep()
    {
        var model = Complete();
        for (var i = 0; i < 4; i++)
        {
            model.Next();
        }

        model.Draft.NodeName = "Not_A_Name";

        Assert.False(model.Next());

        Assert.Equal(WizardStep.Node, model.Step);
        Assert.Contains("is not a valid node name", model.FindingFor(Field(model, "nodeRegistration.name"))!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wizard_ExternalEtcdWithoutEndpoints_ErrorAtTheEndpointsField()
    {
        var model = Complete();
        for (var i = 0; i < 3; i++)
        {
            model.Next();
        }

        model.Draft.Etcd = InitDraft.ExternalEtcd;

        Assert.False(model.Next());

        Assert.Equal(5, model.FieldsOf(WizardStep.Etcd).Count);
        Assert.Equal("external etcd needs at least one endpoint", model.FindingFor(Field(model, "etcd.external.endpoints"))?.Message);
        Assert.Null(model.FindingFor(Field(model, "etcd")));
    }

    [Fact]
    public void Wizard_LocalEtcd_HidesTheExternalFields()
    {
        var model = Complete();

        Assert.Equal(["etcd"], model.FieldsOf(WizardStep.Etcd).Select(f => f.Path), StringComparer.Ordinal);
    }

    [Fact]
    public void Wizard_BadValidity_IsAFindingAtItsField()
    {
        var model = Complete();
        model.Draft.CertificateValidity = "one year";
        model.Next();
        model.Next();

        Assert.False(model.Next());

        Assert.Equal("'one year' is not a duration", model.FindingFor(Field(model, "certificateValidityPeriod"))?.Message);
    }

    [Fact]
    public void Wizard_Yaml_IsWhatTheConfigPrinterWritesForTheDraft()
    {
        var model = Complete();
        model.Draft.ExtraSans = "api.example.com, 10.0.0.100";

        var yaml = model.Yaml;

        Assert.Equal(ConfigPrinter.Write(model.Config with { Join = null, Reset = null, Upgrade = null }), yaml);
        Assert.Contains("  certSANs:\n  - api.example.com\n  - 10.0.0.100\n", yaml, StringComparison.Ordinal);
        var reloaded = ConfigLoader.Load("saved.yaml", yaml, TestHost.Facts);
        Assert.False(reloaded.HasErrors, reloaded.Render());
    }

    [Fact]
    public void Wizard_ScreenYaml_HidesBootstrapTokensButSaveKeepsThem()
    {
        var loaded = TuiTestOptions.Load(TuiTestOptions.Complete.Replace(
            "kind: InitConfiguration\n", "kind: InitConfiguration\nbootstrapTokens:\n- token: abcdef.0123456789abcdef\n", StringComparison.Ordinal));
        var model = new WizardModel(loaded.Config!, TestHost.Facts, TuiTestOptions.Choices);

        Assert.DoesNotContain("0123456789abcdef", model.ScreenYaml, StringComparison.Ordinal);
        Assert.Contains("  token: <redacted>", model.ScreenYaml, StringComparison.Ordinal);
        Assert.Contains("token: abcdef.0123456789abcdef", model.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Wizard_FindingOutsideTheWizardsFields_IsUnplacedAndBlocksTheRun()
    {
        var loaded = TuiTestOptions.Load(TuiTestOptions.Complete + "\nclusterName: Not_Valid\n");
        var model = new WizardModel(loaded.Config!, TestHost.Facts, TuiTestOptions.Choices);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(model.Next());
        }

        Assert.False(model.Next());

        Assert.Equal(WizardStep.Review, model.Step);
        Assert.Equal("clusterName", Assert.Single(model.Unplaced).Field);
    }

    [Fact]
    public void Draft_FromConfig_RoundTripsEveryField()
    {
        var config = TuiTestOptions.Load(TuiTestOptions.Complete + "\ncontrolPlaneEndpoint: cp.example.com:6443\n").Config!;
        var draft = InitDraft.From(config);

        var again = draft.Apply(config, TestHost.Facts, []);

        Assert.Equal("cp.example.com:6443", draft.ControlPlaneEndpoint);
        Assert.Equal("8760h0m0s", draft.CertificateValidity);
        Assert.Equal(ConfigPrinter.Write(config), ConfigPrinter.Write(again));
    }
}
