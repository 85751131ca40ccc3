namespace Kiln.ImageBuilder.Tools;

/// <summary>A build or verify step failed for a reason outside Kiln (a missing tool, a tool's error, a full disk); the message says which.</summary>
public sealed class ImageBuildException : Exception
{
    public ImageBuildException()
    {
    }

    public ImageBuildException(string message)
        : base(message)
    {
    }

    public ImageBuildException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
