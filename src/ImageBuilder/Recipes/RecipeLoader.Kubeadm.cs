using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;

namespace Kiln.ImageBuilder.Recipes;

public static partial class RecipeLoader
{
    // a worker's token and CA pin come from the build's state, never from the recipe
    static readonly string[] s_fromState = ["discovery.bootstrapToken.token", "discovery.bootstrapToken.caCertHashes", "discovery.tlsBootstrapToken"];

    static KubeadmConfig? KubeadmConfigOf(ImageRecipeDraft draft, ConfigDocument document, string file, string recipeText, NodeRole? role,
        Func<string, string?>? readFile, List<ConfigError> findings, Dictionary<string, string> sources)
    {
        var source = draft.Kubeadm ?? new KubeadmSourceDraft();
        if (source.File is not null && source.Inline is not null)
        {
            findings.Add(new ConfigError(document.Locate("kubeadm"), "kubeadm", "give either 'file' or 'inline', not both"));
            return null;
        }

        string name;
        string text;
        Func<SourceLocation, SourceLocation> locate = at => at;
        if (source.File is { } path)
        {
            name = RelativeTo(file, path);
            var read = (readFile ?? DefaultRead)(name);
            if (read is null)
            {
                findings.Add(new ConfigError(document.Locate("kubeadm.file"), "kubeadm.file", $"cannot read '{name}'", null,
                    "the path is relative to the recipe's directory"));
                return null;
            }

            text = read;
            sources[name] = text;
        }
        else if (source.Inline is { } inline)
        {
            // findings in the inline text point into the recipe: shift them to the block's first line and indentation
            name = file;
            text = inline;
            var block = document.Locate("kubeadm.inline");
            var firstLine = block.Line + 1;
            var indent = IndentOf(recipeText, firstLine);
            locate = at => at.Line > 0 ? at with { File = file, Line = at.Line + block.Line, Column = at.Column + indent } : at with { File = file };
        }
        else
        {
            name = file;
            text = "";
        }

        var loaded = text.Length == 0 ? null : ConfigLoader.Load(name, text);
        var found = loaded?.Findings.Select(f => f with { At = locate(f.At) }).ToList() ?? [];
        if (role == NodeRole.Worker)
        {
            found.RemoveAll(f => s_fromState.Contains(f.Field));
        }

        findings.AddRange(found);
        var config = loaded?.Config ?? new KubeadmConfig();
        var at = text.Length == 0 ? document.Locate("kubeadm") : locate(SourceLocation.StartOf(name));
        return role switch
        {
            NodeRole.ControlPlane => ControlPlane(config, at, findings),
            NodeRole.Worker => Worker(config, at, findings),
            _ => null,
        };
    }

    static KubeadmConfig? ControlPlane(KubeadmConfig config, SourceLocation at, List<ConfigError> findings)
    {
        if (config.Join is not null)
        {
            findings.Add(new ConfigError(at, "kubeadm", "a control-plane recipe takes an InitConfiguration and ClusterConfiguration, not a JoinConfiguration",
                null, "use 'role: worker' for a joining node"));
            return null;
        }

        config = config with
        {
            Init = config.Init ?? ConfigDefaults.Init(new InitConfiguration()),
            Cluster = config.Cluster ?? ConfigDefaults.Cluster(new ClusterConfiguration()),
        };
        var init = config.Init!;
        if (init.NodeRegistration.Name is null || init.LocalApiEndpoint.AdvertiseAddress is null)
        {
            // the build host's name and address would be wrong for the node, so an image needs both written down
            findings.Add(new ConfigError(at, "kubeadm", "an image's InitConfiguration must set nodeRegistration.name and localAPIEndpoint.advertiseAddress",
                null, "the build host is not the node: its hostname and address are never used"));
            return null;
        }

        return config;
    }

    static KubeadmConfig? Worker(KubeadmConfig config, SourceLocation at, List<ConfigError> findings)
    {
        if (config.Join?.Discovery.BootstrapToken?.ApiServerEndpoint is null)
        {
            findings.Add(new ConfigError(at, "kubeadm", "a worker recipe needs a JoinConfiguration with discovery.bootstrapToken.apiServerEndpoint",
                null, "the token and the CA pin come from --state; write only the control plane's address:port"));
            return null;
        }

        return config;
    }

    static int IndentOf(string text, int line)
    {
        var lines = text.Split('\n');
        return line - 1 < lines.Length ? lines[line - 1].Length - lines[line - 1].TrimStart(' ').Length : 0;
    }

    static string? DefaultRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
