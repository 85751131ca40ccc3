using System.Text;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using YamlDotNet.RepresentationModel;

namespace Kiln.Reliability.Tests.Kill;

/// <summary>
/// Whether the files kiln writes are whole and valid, read with independent parsers (BouncyCastle, YamlDotNet):
/// certificates and keys parse, a certificate matches its key and is signed by its CA, kubeconfigs hold a CA, a client
/// certificate and its key, manifests are Pod documents. Each check returns the problems found, empty when none.
/// </summary>
public static partial class Artifacts
{
    /// <summary>Checks every file under <paramref name="root"/> (a node root or a state directory); temp files are counted, not checked.</summary>
    public static (List<string> Problems, int Files, int Temps) CheckTree(string root, Func<string, string?> kindOf)
    {
        var problems = new List<string>();
        var files = 0;
        var temps = 0;
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = "/" + Path.GetRelativePath(root, file);
            if (Kiln.Phases.Targets.AtomicFile.IsTemp(Path.GetFileName(file)))
            {
                temps++;
                continue;
            }

            files++;
            if (kindOf(relative) is not { } kind)
            {
                problems.Add($"{relative}: not a file kiln writes");
                continue;
            }

            problems.AddRange(Check(root, relative, kind).Select(p => $"{relative}: {p}"));
        }

        return (problems, files, temps);
    }

    /// <summary>Asserts every file under a node root is one kiln writes, whole and valid, and no temp file is left (<paramref name="allowed"/> may be an empty file); returns how many there are.</summary>
    public static int AssertWholeNodeTree(string root, string? allowed = null)
    {
        var (problems, files, temps) = CheckTree(root, p => string.Equals(p, allowed, StringComparison.Ordinal) ? "empty" : NodeKind(p));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Equal(0, temps);
        return files;
    }

    /// <summary>Asserts an image build's state, when there is one, opens as the next build opens it and holds only whole files.</summary>
    public static void AssertWholeState(string state)
    {
        if (!Directory.Exists(state))
        {
            return;
        }

        Kiln.ImageBuilder.Build.BuildState.OpenOrCreate(state);
        var (problems, _, temps) = CheckTree(state, StateKind);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Equal(0, temps);
    }

    /// <summary>The kind of a file of a node root (<c>kiln init --files-only --rootfs</c>), or null for an unexpected one.</summary>
    public static string? NodeKind(string path) => path switch
    {
        _ when path.StartsWith("/etc/kubernetes/pki/", StringComparison.Ordinal) => PkiKind(path),
        _ when path.StartsWith("/etc/kubernetes/manifests/", StringComparison.Ordinal) && path.EndsWith(".yaml", StringComparison.Ordinal) => "manifest",
        _ when NodeKubeConfig().IsMatch(path) => "kubeconfig",
        "/var/lib/kubelet/config.yaml" => "kubelet-config",
        "/var/lib/kubelet/instance-config.yaml" => "kubelet-instance-config",
        "/var/lib/kubelet/kubeadm-flags.env" => "flags",
        _ => null,
    };

    /// <summary>The kind of a file of an image build's state directory, or null for an unexpected one.</summary>
    public static string? StateKind(string path) => path switch
    {
        "/seed" => "seed",
        "/token" => "token",
        _ when path.StartsWith("/pki/", StringComparison.Ordinal) => PkiKind(path),
        _ when StateKubeConfig().IsMatch(path) => "kubeconfig",
        _ => null,
    };

    static string? PkiKind(string path) => Path.GetExtension(path) switch
    {
        ".crt" => "certificate",
        ".key" => "key",
        ".pub" => "public-key",
        _ => null,
    };

    static List<string> Check(string root, string relative, string kind)
    {
        var file = root + relative;
        var text = File.ReadAllText(file);
        try
        {
            return kind switch
            {
                "certificate" => CheckCertificate(root, relative, text),
                "key" => Key(text) is null ? ["not a PEM private key"] : [],
                "public-key" => new PemReader(new StringReader(text)).ReadObject() is AsymmetricKeyParameter { IsPrivate: false } ? [] : ["not a PEM public key"],
                "kubeconfig" => CheckKubeConfig(root, relative, text),
                "manifest" => CheckManifest(text),
                "kubelet-config" => Mapping(text)?.Children.TryGetValue(new YamlScalarNode("kind"), out var k) == true && string.Equals(k.ToString(), "KubeletConfiguration", StringComparison.Ordinal) ? [] : ["not a KubeletConfiguration"],
                "kubelet-instance-config" => Mapping(text) is null ? ["not a YAML mapping"] : [],
                "flags" => FlagsLine().IsMatch(text) ? [] : [$"not one KUBELET_KUBEADM_ARGS line: '{text}'"],
                "empty" => text.Length == 0 ? [] : ["not empty"],
                "seed" => SeedLine().IsMatch(text) ? [] : ["not 64 hex digits and a newline"],
                "token" => TokenLine().IsMatch(text) ? [] : ["not a bootstrap token and a newline"],
                _ => [$"unknown kind {kind}"],
            };
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or GeneralSecurityException or YamlDotNet.Core.YamlException or InvalidOperationException)
        {
            return [$"{kind} does not parse: {e.GetType().Name}: {e.Message}"];
        }
    }

    static List<string> CheckCertificate(string root, string relative, string text)
    {
        var problems = new List<string>();
        var cert = Certificate(text);
        if (cert is null)
        {
            return ["not a PEM certificate"];
        }

        var keyFile = root + Path.ChangeExtension(relative, ".key");
        if (File.Exists(keyFile) && Key(File.ReadAllText(keyFile)) is { } key && !PublicMatches(cert, key))
        {
            problems.Add("does not match its key");
        }

        var caFile = root + IssuerOf(relative);
        if (File.Exists(caFile) && Certificate(File.ReadAllText(caFile)) is { } ca && !SignedBy(cert, ca))
        {
            problems.Add($"not signed by {IssuerOf(relative)}");
        }

        return problems;
    }

    /// <summary>The CA certificate that signs a certificate of a kubeadm PKI (cmd/kubeadm/app/phases/certs/certlist.go).</summary>
    static string IssuerOf(string relative)
    {
        var dir = relative[..(relative.LastIndexOf('/') + 1)];
        var name = Path.GetFileName(relative);
        return name switch
        {
            "front-proxy-client.crt" or "front-proxy-ca.crt" => dir + "front-proxy-ca.crt",
            "apiserver-etcd-client.crt" => dir + "etcd/ca.crt",
            _ => dir + "ca.crt",
        };
    }

    static List<string> CheckKubeConfig(string root, string relative, string text)
    {
        var map = Mapping(text) ?? throw new FormatException("not a YAML mapping");
        var cluster = (YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)map["clusters"])[0])["cluster"];
        var user = (YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)map["users"])[0])["user"];
        var caPem = Decode(cluster["certificate-authority-data"]);
        var problems = new List<string>();
        if (Certificate(caPem) is not { } ca)
        {
            return ["certificate-authority-data is not a certificate"];
        }

        if (!cluster["server"].ToString().StartsWith("https://", StringComparison.Ordinal))
        {
            problems.Add("server is not https");
        }

        var certificate = Certificate(Decode(user["client-certificate-data"]));
        var key = Key(Decode(user["client-key-data"]));
        if (certificate is null || key is null)
        {
            return [.. problems, "client certificate or key does not parse"];
        }

        if (!PublicMatches(certificate, key))
        {
            problems.Add("client certificate does not match its key");
        }

        if (!SignedBy(certificate, ca))
        {
            problems.Add("client certificate not signed by the kubeconfig's CA");
        }

        // the cluster CA on disk, when present, is the one the kubeconfig trusts
        var caOnDisk = relative.StartsWith("/kubeconfig/", StringComparison.Ordinal) ? root + "/pki/ca.crt" : root + "/etc/kubernetes/pki/ca.crt";
        if (File.Exists(caOnDisk) && !string.Equals(File.ReadAllText(caOnDisk), caPem, StringComparison.Ordinal))
        {
            problems.Add("certificate-authority-data is not the CA on disk");
        }

        return problems;
    }

    static List<string> CheckManifest(string text)
    {
        var map = Mapping(text) ?? throw new FormatException("not a YAML mapping");
        var spec = (YamlMappingNode)map["spec"];
        return string.Equals(map["kind"].ToString(), "Pod", StringComparison.Ordinal) && ((YamlSequenceNode)spec["containers"]).Children.Count > 0
            && map.Children.ContainsKey(new YamlScalarNode("status"))
            ? []
            : ["not a Pod with containers and a status"];
    }

    static YamlMappingNode? Mapping(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 1 ? stream.Documents[0].RootNode as YamlMappingNode : null;
    }

    static string Decode(YamlNode node) => Encoding.ASCII.GetString(Convert.FromBase64String(node.ToString()));

    static X509Certificate? Certificate(string pem) => new PemReader(new StringReader(pem)).ReadObject() as X509Certificate;

    static AsymmetricKeyParameter? Key(string pem) => new PemReader(new StringReader(pem)).ReadObject() switch
    {
        AsymmetricCipherKeyPair pair => pair.Private,
        AsymmetricKeyParameter { IsPrivate: true } key => key,
        _ => null,
    };

    static bool PublicMatches(X509Certificate certificate, AsymmetricKeyParameter key) => (certificate.GetPublicKey(), key) switch
    {
        (ECPublicKeyParameters pub, ECPrivateKeyParameters ec) => pub.Q.Equals(ec.Parameters.G.Multiply(ec.D).Normalize()),
        (RsaKeyParameters pub, RsaPrivateCrtKeyParameters rsa) => pub.Modulus.Equals(rsa.Modulus) && pub.Exponent.Equals(rsa.PublicExponent),
        _ => false,
    };

    static bool SignedBy(X509Certificate certificate, X509Certificate ca)
    {
        try
        {
            certificate.Verify(ca.GetPublicKey());
            return true;
        }
        catch (Exception e) when (e is GeneralSecurityException or InvalidKeyException or SignatureException or CryptoException)
        {
            return false;
        }
    }

    [GeneratedRegex("^/etc/kubernetes/[a-z-]+\\.conf$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NodeKubeConfig();

    [GeneratedRegex("^/kubeconfig/[a-z-]+\\.conf$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StateKubeConfig();

    [GeneratedRegex("^KUBELET_KUBEADM_ARGS=\"[^\"\\n]*\"\\n$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FlagsLine();

    [GeneratedRegex("^[0-9a-f]{64}\\n$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SeedLine();

    [GeneratedRegex("^[a-z0-9]{6}\\.[a-z0-9]{16}\\n$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TokenLine();
}
