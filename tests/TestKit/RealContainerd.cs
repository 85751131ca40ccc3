using System.Diagnostics;

namespace Kiln.TestKit;

/// <summary>
/// The Debian containerd (eng/install-test-deps.sh) started for one test with its own root, state dir and socket under a
/// temporary directory; nothing of the host's /run/containerd or /var/lib/containerd is used. It needs root, as containerd does.
/// </summary>
public sealed class RealContainerd : IDisposable
{
    readonly TempDir _dir = new("kiln-ctd-");
    readonly Process _process;

    RealContainerd()
    {
        var binary = new[] { "/usr/bin/containerd", "/usr/local/bin/containerd" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("containerd is not installed: run eng/install-test-deps.sh");
        File.WriteAllText(_dir["config.toml"], $"""
            version = 2
            root = "{_dir["root"]}"
            state = "{_dir["state"]}"
            [grpc]
              address = "{Socket}"
            [ttrpc]
              address = "{Socket}.ttrpc"
            [debug]
              address = ""
            [metrics]
              address = ""
            """);
        _process = Process.Start(Tool.StartInfo(null, null, binary, ["--config", _dir["config.toml"]])) ?? throw new InvalidOperationException("cannot start containerd");
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The gRPC socket (CRI included).</summary>
    public string Socket => _dir["containerd.sock"];

    /// <summary>What containerd logged.</summary>
    public string Logs
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    readonly List<string> _log = [];
    readonly TaskCompletionSource _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);

    void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }

        if (line.Contains("serving...", StringComparison.Ordinal) && line.EndsWith($"address={Socket}", StringComparison.Ordinal))
        {
            _serving.TrySetResult();
        }
    }

    /// <summary>Starts containerd and waits until it serves its socket.</summary>
    public static async Task<RealContainerd> StartAsync()
    {
        var ctd = new RealContainerd();
        // a bound for a hang, not a timing assert
        await Task.WhenAny(ctd._serving.Task, ctd._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (!ctd._serving.Task.IsCompleted)
        {
            var logs = ctd.Logs;
            ctd.Dispose();
            throw new InvalidOperationException($"containerd did not start serving {ctd.Socket}:\n{logs}");
        }

        return ctd;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _dir.Dispose();
    }
}
