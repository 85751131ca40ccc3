namespace Kiln.Phases.Workflow;

/// <summary>
/// Why a phase will not run, as a value: each front end words the kinds that name its own controls (the CLI says
/// <c>--skip-phases</c>); <see cref="Text"/> is the front-end-neutral wording.
/// </summary>
/// <param name="Kind">Why.</param>
/// <param name="Text">The reason in words that name no front end's options.</param>
public sealed record SkipReason(SkipKind Kind, string Text)
{
    /// <summary>For <see cref="SkipKind.MissingCapability"/>: what the phase needs that the run does not offer.</summary>
    public Capabilities Missing { get; init; }

    /// <summary>For <see cref="SkipKind.NotRequested"/>: the run option that would make it run (its kubeadm name, e.g. <c>upload-certs</c>).</summary>
    public string? Option { get; init; }

    /// <summary>The user's selection left it out (a skip list, or <c>phase X</c> of another phase).</summary>
    public static SkipReason Selection { get; } = new(SkipKind.Selection, "left out by the phase selection");

    /// <summary>A reason the config gives (external etcd, an addon disabled).</summary>
    public static SkipReason ByConfig(string text) => new(SkipKind.Config, text);

    /// <summary>The phase runs only when the run asks for <paramref name="option"/>.</summary>
    public static SkipReason NotRequested(string option) => new(SkipKind.NotRequested, $"runs only when {option} is asked for") { Option = option };

    /// <summary>The phase needs what the run does not offer.</summary>
    public static SkipReason MissingCapability(Capabilities needs, Capabilities offered)
    {
        var missing = needs & ~offered;
        var text = (missing & Capabilities.ImageStaging) != Capabilities.None ? "image builds only"
            : (offered & Capabilities.ImageStaging) != Capabilities.None ? $"deferred to first boot (needs {Words(missing)})"
            : $"needs {Words(missing)}; this run only writes files";
        return new(SkipKind.MissingCapability, text) { Missing = missing };
    }

    /// <summary>The capabilities in words: "the cluster API", "the service manager and a node probe".</summary>
    public static string Words(Capabilities capabilities)
    {
        var words = new List<string>();
        foreach (var (flag, word) in s_words)
        {
            if ((capabilities & flag) != Capabilities.None)
            {
                words.Add(word);
            }
        }

        return words.Count switch
        {
            0 => "nothing",
            1 => words[0],
            _ => string.Join(", ", words[..^1]) + " and " + words[^1],
        };
    }

    static readonly (Capabilities Flag, string Word)[] s_words =
    [
        (Capabilities.Files, "the node's files"), (Capabilities.ServiceManager, "the service manager"), (Capabilities.ClusterApi, "the cluster API"),
        (Capabilities.NodeProbe, "a probe of the node"), (Capabilities.ImageStaging, "an image build"),
    ];

    /// <summary>The neutral text.</summary>
    public override string ToString() => Text;
}
