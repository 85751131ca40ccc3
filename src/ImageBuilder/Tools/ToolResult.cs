namespace Kiln.ImageBuilder.Tools;

/// <summary>The output of one tool run.</summary>
public sealed record ToolResult(int ExitCode, string Out, string Err);
