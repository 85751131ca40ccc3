using Kiln.Phases.Config;

namespace Kiln.Tui.Models;

/// <summary>The start screen: what to do, and which config file (if any) pre-fills the wizard.</summary>
public sealed class StartModel(KubeadmConfig defaults, ConfigLoadResult? loaded, HostFacts? host, string workingDirectory)
{
    public static IReadOnlyList<string> Choices { get; } =
    [
        "Set up this node as the first control plane",
        "Join a node to a cluster",
        "Build a disk image",
    ];

    public const int JoinChoice = 1;

    public int Choice { get; set; }

    public string ConfigPath { get; set; } = loaded?.File ?? "";

    public ConfigLoadResult? Loaded { get; private set; } = loaded;

    /// <summary>What the screen says under the choices: the load result, or where to go for a choice the TUI lacks.</summary>
    public string Message { get; private set; } = Describe(loaded);

    /// <summary>The config the wizard starts from.</summary>
    public KubeadmConfig BaseConfig => Loaded?.Config ?? defaults;

    /// <summary>Loads the typed config path when it changed; returns the wizard model when the choice is init and the file loaded.</summary>
    public WizardModel? Next(HostChoices choices)
    {
        var path = ConfigPath.Trim();
        if (path.Length > 0 && !string.Equals(path, Loaded?.File, StringComparison.Ordinal))
        {
            if (!Load(path))
            {
                return null;
            }
        }
        else if (path.Length == 0)
        {
            Loaded = null;
        }

        switch (Choice)
        {
            case JoinChoice:
                Message = "Joining is not in the TUI yet: on the new node run 'kiln join HOST:PORT --token T --discovery-token-ca-cert-hash sha256:H' (see 'kiln join --help').";
                return null;
            case 2:
                Message = "Image builds are not in the TUI yet: run 'kiln image build images/RECIPE.yaml' (see 'kiln image --help').";
                return null;
            default:
                var wizard = new WizardModel(BaseConfig, host, choices);
                if (Loaded?.HasErrors == true)
                {
                    wizard.Reveal();
                }

                return wizard;
        }
    }

    bool Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.GetFullPath(path, workingDirectory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Message = $"cannot read {path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}";
            return false;
        }

        var (result, isInit) = InitConfigFile.Load(path, text, host, WizardModel.Hint);
        if (result.Config is null)
        {
            Message = $"cannot use {path}: " + string.Join("; ", result.Findings.Select(f => f.ToString()));
            return false;
        }

        if (!isInit)
        {
            Message = $"cannot use {path}: it {InitConfigFile.NotInitConfig} (a join config?)";
            return false;
        }

        Loaded = result;
        Message = Describe(Loaded);
        return true;
    }

    static string Describe(ConfigLoadResult? loaded)
    {
        if (loaded is null)
        {
            return "No config file: the wizard starts from kubeadm's defaults for this host.";
        }

        var errors = loaded.Findings.Count(f => f.Severity == Severity.Error);
        return errors == 0
            ? $"Loaded {loaded.File}: every field is pre-filled; press Enter through the steps to review and run."
            : $"Loaded {loaded.File}: {errors} error(s) to fix; each is shown at its field.";
    }
}
