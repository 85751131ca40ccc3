using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Config.Yaml;

/// <summary>Turns parser marks into source locations.</summary>
internal static class SourceMark
{
    internal static SourceLocation Of(string file, YamlNode node) => Of(file, node.Start, node.End);

    internal static SourceLocation Of(string file, YamlDotNet.Core.Mark start, YamlDotNet.Core.Mark end)
    {
        var length = end.Line == start.Line ? (int)Math.Max(1, end.Column - start.Column) : 1;
        return new SourceLocation(file, (int)start.Line, (int)start.Column, length);
    }

    internal static SourceLocation Of(string file, YamlException e) => new(file, (int)e.Start.Line, (int)e.Start.Column, 1);
}
