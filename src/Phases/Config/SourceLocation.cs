namespace Kiln.Phases.Config;

/// <summary>Where a value sits in a source file (1-based line and column; length of the value on its line).</summary>
public readonly record struct SourceLocation(string File, int Line, int Column, int Length = 0)
{
    /// <summary>A location that names only the file, for errors about the file as a whole.</summary>
    public static SourceLocation OfFile(string file) => new(file, 0, 0);

    /// <summary>The first line and column of a file, for errors about the file as a whole (an empty file, no document).</summary>
    public static SourceLocation StartOf(string file) => new(file, 1, 1);

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
