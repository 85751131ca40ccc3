namespace Kiln.Phases.Config;

/// <summary>One YAML document of a config file: its kind, version and where each field path sits in the source.</summary>
public sealed class ConfigDocument(string file, string apiVersion, string kind, SourceLocation start)
{
    /// <summary>The file the document came from.</summary>
    public string File { get; } = file;

    /// <summary>The apiVersion as written.</summary>
    public string ApiVersion { get; } = apiVersion;

    /// <summary>The kind.</summary>
    public string Kind { get; } = kind;

    /// <summary>Where the document starts (its <c>kind</c> line).</summary>
    public SourceLocation Start { get; } = start;

    /// <summary>Where its <c>apiVersion</c> value is; the start when unknown.</summary>
    public SourceLocation ApiVersionAt { get; init; } = start;

    /// <summary>Field path (<c>networking.podSubnet</c>, <c>apiServer.extraArgs[0].name</c>) to the location of its value.</summary>
    internal Dictionary<string, SourceLocation> Locations { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the field was written in the file (as opposed to defaulted).</summary>
    public bool Has(string path) => Locations.ContainsKey(path);

    /// <summary>The location of a field's value, else of its nearest written parent, else of the document.</summary>
    public SourceLocation Locate(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (Locations.TryGetValue(p, out var at))
            {
                return at;
            }
        }

        return Start;
    }

    static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
