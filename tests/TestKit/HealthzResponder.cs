using System.Net;

namespace Kiln.TestKit;

/// <summary>An HTTP endpoint answering "ok" on /healthz: the kubelet's health port, where no kubelet runs (a test stand-in).</summary>
public sealed class HealthzResponder : IDisposable
{
    readonly HttpListener _listener = new();

    public HealthzResponder(int port)
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                try
                {
                    var context = await _listener.GetContextAsync();
                    Requests++;
                    context.Response.StatusCode = string.Equals(context.Request.Url?.AbsolutePath, "/healthz", StringComparison.Ordinal) ? 200 : 404;
                    await context.Response.OutputStream.WriteAsync("ok"u8.ToArray());
                    context.Response.Close();
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        });
    }

    /// <summary>How many requests arrived (the wait asked).</summary>
    public int Requests { get; private set; }

    public void Dispose() => _listener.Close();
}
