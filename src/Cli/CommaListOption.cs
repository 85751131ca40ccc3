using System.CommandLine;

namespace Kiln.Cli;

/// <summary>Options that take comma-separated lists, repeatable: <c>--skip-phases a,b --skip-phases c</c>.</summary>
public static class CommaListOption
{
    public static Option<string[]> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
    };
}
