using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Kiln.Phases.Live;

/// <summary>
/// The one CRI call preflight makes: <c>runtime.v1.RuntimeService/RuntimeConfig</c> over the runtime's unix socket, as gRPC
/// (HTTP/2 without TLS, a 5-byte length prefix per message). Its messages are small enough to read by hand
/// (k8s.io/cri-api/pkg/apis/runtime/v1/api.proto: <c>RuntimeConfigResponse{linux = 1}</c>,
/// <c>LinuxRuntimeConfiguration{cgroup_driver = 1}</c>, <c>CgroupDriver{SYSTEMD = 0, CGROUPFS = 1}</c>), so no gRPC library.
/// </summary>
public static class CriRuntimeConfig
{
    const int GrpcUnimplemented = 12;

    // protobuf wire types
    const int Varint = 0;
    const int Fixed64 = 1;
    const int LengthDelimited = 2;
    const int Fixed32 = 5;

    /// <summary>Asks the runtime behind <paramref name="socketPath"/> (a path, not a URL) for its runtime config.</summary>
    public static async Task<CriRuntimeAnswer> QueryAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socketPath);
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            UseProxy = false,
        };
        using var client = new HttpClient(handler) { Timeout = timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost/runtime.v1.RuntimeService/RuntimeConfig")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            // an empty RuntimeConfigRequest: not compressed, length 0
            Content = new ByteArrayContent(new byte[5]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new(null, false, $"HTTP {(int)response.StatusCode} from the runtime socket");
            }

            // a failed call may carry its status in the headers alone (gRPC's "Trailers-Only" response)
            var status = Header(response.TrailingHeaders, "grpc-status") ?? Header(response.Headers, "grpc-status");
            if (status is not null && !string.Equals(status, "0", StringComparison.Ordinal))
            {
                var message = Uri.UnescapeDataString(Header(response.TrailingHeaders, "grpc-message") ?? Header(response.Headers, "grpc-message") ?? "");
                var code = int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : -1;
                return new(null, code == GrpcUnimplemented, $"rpc error: code = {Name(code)} desc = {message}");
            }

            return Parse(body) is { } driver ? new(driver, false, null) : new(null, false, "the runtime's RuntimeConfig answer could not be read");
        }
        catch (HttpRequestException e)
        {
            return new(null, false, e.InnerException?.Message ?? e.Message, Unreachable: true);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, false, $"no answer within {timeout.TotalSeconds:0}s", Unreachable: true);
        }
    }

    /// <summary>The cgroup driver in a gRPC-framed <c>RuntimeConfigResponse</c>; null when the bytes are not one.</summary>
    public static string? Parse(ReadOnlySpan<byte> framed)
    {
        if (framed.Length < 5 || framed[0] != 0)
        {
            return null;
        }

        var length = (framed[1] << 24) | (framed[2] << 16) | (framed[3] << 8) | framed[4];
        if (length < 0 || framed.Length - 5 < length)
        {
            return null;
        }

        // proto3 leaves out default values: no linux field, or no cgroup_driver in it, both mean SYSTEMD (0)
        var response = framed.Slice(5, length);
        if (!Last(response, 1, LengthDelimited, out _, out var linux) || !Last(linux, 1, Varint, out var driver, out _))
        {
            return null;
        }

        return driver switch
        {
            0 => "systemd",
            1 => "cgroupfs",
            _ => $"unknown ({driver})",
        };
    }

    // the last field with this number and wire type (absent: 0 and an empty span); false on malformed bytes
    static bool Last(ReadOnlySpan<byte> message, int number, int wireType, out ulong varint, out ReadOnlySpan<byte> bytes)
    {
        varint = 0;
        bytes = [];
        var at = 0;
        while (at < message.Length)
        {
            if (!ReadVarint(message, ref at, out var key) || !ReadValue(message, ref at, (int)(key & 7), out var v, out var b))
            {
                return false;
            }

            if ((int)(key >> 3) == number && (int)(key & 7) == wireType)
            {
                varint = v;
                bytes = b;
            }
        }

        return true;
    }

    // the value after a field's key: a varint, or the bytes of the other wire types
    static bool ReadValue(ReadOnlySpan<byte> message, scoped ref int at, int wireType, out ulong varint, out ReadOnlySpan<byte> bytes)
    {
        varint = 0;
        bytes = [];
        int length;
        switch (wireType)
        {
            case Varint:
                return ReadVarint(message, ref at, out varint);
            case Fixed64:
                length = 8;
                break;
            case LengthDelimited:
                if (!ReadVarint(message, ref at, out var l) || l > int.MaxValue)
                {
                    return false;
                }

                length = (int)l;
                break;
            case Fixed32:
                length = 4;
                break;
            default:
                return false;
        }

        if (message.Length - at < length)
        {
            return false;
        }

        bytes = message.Slice(at, length);
        at += length;
        return true;
    }

    static bool ReadVarint(ReadOnlySpan<byte> message, ref int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= message.Length)
            {
                return false;
            }

            var b = message[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }

    static string? Header(HttpHeaders headers, string name) => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    static string Name(int code) => code switch
    {
        1 => "Canceled",
        2 => "Unknown",
        4 => "DeadlineExceeded",
        5 => "NotFound",
        7 => "PermissionDenied",
        12 => "Unimplemented",
        13 => "Internal",
        14 => "Unavailable",
        _ => code.ToString(CultureInfo.InvariantCulture),
    };
}
