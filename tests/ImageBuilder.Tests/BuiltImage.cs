using Kiln.ImageBuilder.Build;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests;

/// <summary>One build shared by a test class: its state (copied by tests that build again) and its outputs.</summary>
public sealed class BuiltImage : IAsyncLifetime, IDisposable
{
    readonly TempDir _dir = new("kiln-image-test-");

    public string Output => _dir["out"];

    public string State => _dir["state"];

    public string Raw => Path.Combine(Output, "t.raw");

    public string Manifest => Path.Combine(Output, "t.manifest.json");

    public ImageBuildResult Result { get; private set; } = null!;

    public RecordingProgress Events { get; } = new();

    public async Task InitializeAsync() => Result = await Images.BuildAsync(Images.Recipe(), Output, State, events: Events);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    // xunit calls both DisposeAsync and Dispose on a collection fixture
    public void Dispose()
    {
        if (Directory.Exists(_dir.Path))
        {
            _dir.Dispose();
        }
    }

    /// <summary>A private copy of the state, so a test can build again without racing another.</summary>
    public string CopyState(TempDir into)
    {
        var copy = into["state"];
        DirectoryTree.Copy(State, copy);
        return copy;
    }
}
