using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Config.Yaml;

/// <summary>
/// Loads the YAML text of every input Kiln reads (kubeadm configs, image recipes), so a syntax error or a duplicated
/// key is reported the same way everywhere: located, with the key named and where it first appeared.
/// </summary>
internal static class YamlSource
{
    const string DuplicateKey = "Duplicate key ";

    /// <summary>
    /// How deep collections may nest. kubeadm's deepest field is about six levels down; YamlDotNet builds its node tree
    /// recursively, so a file nested thousands deep would overflow the stack and end the process without a word.
    /// </summary>
    internal const int MaxDepth = 100;

    /// <summary>The text's documents, without empty ones; null, with a finding, when the text is not valid YAML.</summary>
    internal static IReadOnlyList<YamlDocument>? Load(string file, string text, ICollection<ConfigError> findings)
    {
        if (TooDeep(text) is { } deep)
        {
            findings.Add(new ConfigError(SourceMark.Of(file, deep, deep), "", $"the YAML nests more than {MaxDepth} levels deep here", null,
                "a kubeadm config or image recipe nests a few levels at most: check for runaway '[' or '{', or indentation that keeps growing"));
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var reason = Reason(e);
            if (!reason.StartsWith(DuplicateKey, StringComparison.Ordinal))
            {
                findings.Add(new ConfigError(SourceMark.Of(file, e), "", $"YAML syntax error: {reason}", null,
                    "check the indentation and that every 'key: value' pair has a space after the colon"));
                return null;
            }

            var key = reason[DuplicateKey.Length..];
            var first = FirstOccurrence(text, e.Start);
            findings.Add(new ConfigError(SourceMark.Of(file, e), "", $"duplicate key '{key}'", null,
                first is { } at
                    ? $"a key may appear once per mapping; it is first at line {at.Line}: keep the one you mean"
                    : "a key may appear once per mapping; keep the one you mean"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, not a YamlException, on some broken text, such as a '[' never closed
            var at = LastReadable(text);
            findings.Add(new ConfigError(SourceMark.Of(file, at, at), "", "YAML syntax error: the text cannot be read past here", null,
                "check that every '[' and '{' is closed on the line where its list or mapping ends"));
            return null;
        }

        return stream.Documents.Where(d => d.RootNode is not YamlScalarNode { Value: null or "" }).ToList();
    }

    /// <summary>Where a collection first opens deeper than <see cref="MaxDepth"/>, found with the parser's events (no recursion); null when none does or the text breaks first.</summary>
    static Mark? TooDeep(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart when ++depth > MaxDepth:
                        return parser.Current.Start;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // the syntax error is reported by the load that follows
        }

        return null;
    }

    /// <summary>The end of the last token the scanner could read: where the text stops making sense.</summary>
    static Mark LastReadable(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        var last = Mark.Empty;
        try
        {
            while (scanner.MoveNext())
            {
                last = scanner.Current?.End ?? last;
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // stop where it broke
        }

        return last;
    }

    static string Reason(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    /// <summary>Where the key at <paramref name="duplicate"/> first appears in the same mapping; null if it cannot be told.</summary>
    static Mark? FirstOccurrence(string text, Mark duplicate)
    {
        // each open collection: for a mapping, its keys so far and whether the next node is a key
        var open = new Stack<(Dictionary<string, Mark>? Keys, bool AtKey)>();
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current;
                if (current is MappingEnd or SequenceEnd)
                {
                    open.Pop();
                    Completed(open);
                    continue;
                }

                if (current is not (Scalar or AnchorAlias or MappingStart or SequenceStart))
                {
                    continue;
                }

                if (open.Count > 0 && open.Peek() is { Keys: { } keys, AtKey: true } && current is Scalar key)
                {
                    if (key.Start.Line == duplicate.Line && key.Start.Column == duplicate.Column)
                    {
                        return keys.TryGetValue(key.Value, out var first) ? first : null;
                    }

                    keys.TryAdd(key.Value, key.Start);
                }

                if (current is MappingStart)
                {
                    open.Push((new Dictionary<string, Mark>(StringComparer.Ordinal), true));
                }
                else if (current is SequenceStart)
                {
                    open.Push((null, false));
                }
                else
                {
                    Completed(open);
                }
            }
        }
        catch (YamlException)
        {
            // the text was read once already up to the duplicate; anything odd here only costs the hint its line
        }

        return null;
    }

    // a node finished: in a mapping, a key is followed by its value and a value by the next key
    static void Completed(Stack<(Dictionary<string, Mark>? Keys, bool AtKey)> open)
    {
        if (open.Count > 0 && open.Peek() is { Keys: { } keys, AtKey: var atKey })
        {
            open.Pop();
            open.Push((keys, !atKey));
        }
    }
}
