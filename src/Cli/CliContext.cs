using Kiln.Phases.Config;
using Kiln.Phases.Live;

namespace Kiln.Cli;

/// <summary>What a command may use from the outside world; tests pass their own.</summary>
/// <param name="Out">Standard output: only what another program would read.</param>
/// <param name="Err">Standard error: diagnostics.</param>
/// <param name="WorkingDirectory">Relative paths are resolved against this.</param>
public sealed record CliContext(TextWriter Out, TextWriter Err, string WorkingDirectory)
{
    readonly Lazy<HostFacts> _host = new(HostDetection.Detect);

    /// <summary>A context with fixed host facts (tests).</summary>
    /// <param name="Out">Standard output.</param>
    /// <param name="Err">Standard error.</param>
    /// <param name="host">Host facts for dynamic config defaults.</param>
    /// <param name="WorkingDirectory">Relative paths are resolved against this.</param>
    public CliContext(TextWriter Out, TextWriter Err, HostFacts host, string WorkingDirectory) : this(Out, Err, WorkingDirectory) =>
        _host = new(host);

    /// <summary>Host facts for dynamic config defaults, read on first use (an image build never needs them).</summary>
    public HostFacts Host => _host.Value;

    public static CliContext ForProcess() =>
        new(Console.Out, Console.Error, Environment.CurrentDirectory)
        {
            In = Console.In,
            SourceDateEpoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"),
            Interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected,
        };

    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>Standard input, for the few questions Kiln asks (each has a flag that skips it).</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>The service manager live runs drive the kubelet with.</summary>
    public IServiceManager Services { get; init; } = new Systemctl();

    /// <summary>The host facts preflight reads.</summary>
    public HostProbe Probe { get; init; } = HostProbe.System;

    /// <summary>SOURCE_DATE_EPOCH as the environment gave it: the time every file in a built image takes.</summary>
    public string? SourceDateEpoch { get; init; }

    /// <summary>How often live waits poll.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether stdin and stdout are a terminal; `kiln tui` needs one.</summary>
    public bool Interactive { get; init; }
}
