using Kiln.Phases.Targets;

namespace Kiln.Cli;

/// <summary>
/// The lock a writing run holds on its directory (the node root of <c>kiln init</c>, the state of <c>kiln image build</c>)
/// for as long as it runs: a second run on the same directory is refused with a message naming the directory, instead
/// of both writing the same files (two CAs, one certificate of each).
/// </summary>
public static class RunLock
{
    /// <summary>Takes the lock on <paramref name="directory"/>, creating it when missing; prints the error and returns null when it cannot.</summary>
    public static async Task<DirectoryLock?> TakeAsync(CliContext context, string directory, string command, UnixFileMode mode = NodePath.DefaultDirectoryMode)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            TargetFault.CreateDirectory(directory, mode);
            if (DirectoryLock.TryAcquire(directory) is { } held)
            {
                return held;
            }

            await context.Err.WriteLineAsync($"kiln: another {command} is running on {directory} (it holds the lock on that directory)\n" +
                "  hint: wait for it to finish, then run again; two runs on one directory would mix their files");
        }
        catch (TargetIOException e)
        {
            await context.Err.WriteLineAsync(Rendering.ProblemText.Render(e.Message, e.Hint));
        }
        catch (IOException e)
        {
            await context.Err.WriteLineAsync($"kiln: {e.Message}");
        }

        return null;
    }
}
