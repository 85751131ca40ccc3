using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kiln.TestKit;

/// <summary>
/// An https server on 127.0.0.1 that serves one file at one path (404 elsewhere), with a certificate from a CA of its
/// own: <see cref="CaFile"/> holds that CA as PEM, for a client told to trust it (<c>SSL_CERT_FILE</c>).
/// </summary>
public sealed class HttpsFileServer : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly X509Certificate2 _certificate;
    readonly byte[] _body;
    readonly string _path;

    public HttpsFileServer(string directory, string path, byte[] body)
    {
        _path = path;
        _body = body;
        var now = TimeProvider.System.GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=kiln test https CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(ca, now.AddMinutes(-5), now.AddHours(1), RandomNumberGenerator.GetBytes(8));
        _certificate = issued.CopyWithPrivateKey(key);
        CaFile = Path.Combine(directory, "https-ca.pem");
        File.WriteAllText(CaFile, ca.ExportCertificatePem() + "\n");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    /// <summary>The CA that issued the server's certificate, as a PEM file.</summary>
    public string CaFile { get; }

    public string Url => $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{_path}";

    /// <summary>The URL of a path this server does not have.</summary>
    public string Missing => $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/missing";

    async Task ServeAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(_certificate);
                var request = new StringBuilder();
                var buffer = new byte[1024];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && await tls.ReadAsync(buffer) is var n and > 0)
                {
                    request.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }

                var target = request.ToString().Split(' ') is [_, var t, ..] ? t : "";
                var found = string.Equals(target, _path, StringComparison.Ordinal);
                var body = found ? _body : "not found\n"u8.ToArray();
                var head = $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(head));
                await tls.WriteAsync(body);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
            {
                // a client that does not trust the certificate hangs up during the handshake
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _certificate.Dispose();
    }
}
