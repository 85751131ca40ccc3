using System.Text.RegularExpressions;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Net;
using Kiln.Phases.Versions;

namespace Kiln.Phases.Config;

public static partial class ConfigValidator
{
    static void ValidateCluster(ClusterConfiguration c, Checker check)
    {
        var version = KubernetesVersionOf(c.KubernetesVersion, "kubernetesVersion", check);
        ControlPlaneEndpoint(c.ControlPlaneEndpoint, check);
        AbsolutePath(c.CertificatesDir, "certificatesDir", check);
        Networking(c, check);
        Sans(c.ApiServer.CertSans, "apiServer.certSANs", check);
        Component(c.ApiServer, "apiServer", check);
        Component(c.ControllerManager, "controllerManager", check);
        Component(c.Scheduler, "scheduler", check);
        Etcd(c.Etcd, version, check);
        RemovedFlags(c, version, check);
        ImageRepository(c.ImageRepository, "imageRepository", check);
        ImageRepository(c.Dns.ImageRepository, "dns.imageRepository", check);
        ImageRepository(c.Etcd.Local?.ImageRepository, "etcd.local.imageRepository", check);
        if (c.ClusterName is { } name && !NetParse.IsDns1123Subdomain(name))
        {
            check.Error("clusterName", $"'{name}' is not a valid cluster name", "a DNS-1123 subdomain");
        }

        var algorithms = version is { } v ? VersionTable.TraitsFor(v).EncryptionAlgorithms : VersionTable.Minors[^1].EncryptionAlgorithms;
        if (c.EncryptionAlgorithm is { } alg && !algorithms.Contains(alg, StringComparer.Ordinal))
        {
            var newer = VersionTable.Minors.FirstOrDefault(m => m.EncryptionAlgorithms.Contains(alg, StringComparer.Ordinal));
            check.Error("encryptionAlgorithm", $"'{alg}' is not a supported key algorithm{(version is { } vv ? $" for {vv.MinorLine}" : "")}",
                $"one of {string.Join(", ", algorithms)}",
                newer is not null ? $"{alg} needs Kubernetes v1.{newer.Minor} or newer" : Yaml.Suggest.Closest(alg, algorithms) is { } s ? $"did you mean '{s}'?" : null);
        }

        ValidityPeriods(c, check);
        FeatureGates(c.FeatureGates, version ?? VersionTable.Default, check);
    }

    static void ControlPlaneEndpoint(string? endpoint, Checker check)
    {
        if (endpoint is null)
        {
            return;
        }

        const string Allowed = "host or host:port, where host is a DNS name or an IP address (IPv6 in brackets when a port follows)";
        if (!NetParse.TrySplitHostPort(endpoint, out var host, out var port) || (port is not null && !NetParse.IsPort(port)))
        {
            check.Error("controlPlaneEndpoint", $"'{endpoint}' is not a valid endpoint", Allowed, port is not null ? "the port must be 1 to 65535" : null);
            return;
        }

        if (!NetParse.TryParseIp(host, out _) && !NetParse.IsDns1123Subdomain(host))
        {
            check.Error("controlPlaneEndpoint", $"'{host}' is neither an IP address nor a DNS name", Allowed);
        }
    }

    static void Networking(ClusterConfiguration c, Checker check)
    {
        var n = c.Networking;
        if (n.DnsDomain is { } domain && !NetParse.IsDns1123Subdomain(domain))
        {
            check.Error("networking.dnsDomain", $"'{domain}' is not a valid DNS domain", "a DNS-1123 subdomain such as cluster.local");
        }

        if (Cidrs(n.ServiceSubnet, "networking.serviceSubnet", check) is { } services)
        {
            foreach (var s in services.Where(s => s.HostBits > 20))
            {
                check.Error("networking.serviceSubnet", $"'{s}' is too large: {s.HostBits} host bits", $"at most 20 host bits (/{s.Bits - 20} or longer)",
                    $"use /{s.Bits - 20} or a longer prefix, e.g. 10.96.0.0/12");
            }

            foreach (var s in services.Where(s => s.HostBits < 4))
            {
                check.Error("networking.serviceSubnet", $"'{s}' is too small for the cluster's services", "at least 10 addresses (/28 or shorter for IPv4)");
            }
        }

        if (Cidrs(n.PodSubnet, "networking.podSubnet", check) is { } pods && !c.ControllerManager.ExtraArgs.HasValue("allocate-node-cidrs", "false"))
        {
            foreach (var p in pods)
            {
                var maskArg = p.IsIPv6 ? "node-cidr-mask-size-ipv6" : pods.Count > 1 ? "node-cidr-mask-size-ipv4" : "node-cidr-mask-size";
                var nodeMask = int.TryParse(c.ControllerManager.ExtraArgs.Last(maskArg) ?? c.ControllerManager.ExtraArgs.Last("node-cidr-mask-size"), out var m)
                    ? m : p.IsIPv6 ? 64 : 24;
                if (nodeMask < p.PrefixLength)
                {
                    check.Error("networking.podSubnet", $"'{p}' is smaller than one node's range (/{nodeMask})", $"a prefix of /{nodeMask} or shorter",
                        $"widen the pod subnet, or set controllerManager extraArgs {maskArg}");
                }
                else if (nodeMask - p.PrefixLength > 16)
                {
                    check.Error("networking.podSubnet", $"'{p}' is too large: {nodeMask - p.PrefixLength} bits for node ranges (/{nodeMask} each)",
                        "at most 16 bits between the pod subnet prefix and the node mask", $"use /{nodeMask - 16} or a longer prefix");
                }
            }
        }
    }

    static List<Cidr>? Cidrs(string? text, string path, Checker check)
    {
        if (text is null)
        {
            return null;
        }

        var list = new List<Cidr>();
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        foreach (var part in parts)
        {
            if (!NetParse.TryParseCidr(part, out var cidr, out var why))
            {
                check.Error(path, $"'{part}' is not a valid CIDR", why, "e.g. 10.244.0.0/16, or one IPv4 and one IPv6 CIDR separated by a comma");
                return null;
            }

            list.Add(cidr);
        }

        if (list.Count > 2 || (list.Count == 2 && list[0].IsIPv6 == list[1].IsIPv6))
        {
            check.Error(path, $"'{text}' is not a valid dual-stack pair", "one CIDR, or one IPv4 and one IPv6 CIDR separated by a comma");
            return null;
        }

        return list;
    }

    static void Sans(IReadOnlyList<string>? sans, string path, Checker check)
    {
        var list = sans ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var san = list[i];
            if (!NetParse.TryParseIp(san, out _) && !NetParse.IsDns1123Subdomain(san) && !NetParse.IsWildcardDns(san))
            {
                check.Error($"{path}[{i}]", $"'{san}' is not a valid subject alternative name", "an IP address, a DNS name, or a wildcard DNS name (*.example.com)",
                    san.Any(char.IsUpper) ? "DNS names must be lowercase" : null);
            }
        }
    }

    static void Component(ControlPlaneComponent component, string path, Checker check)
    {
        Args(component.ExtraArgs, $"{path}.extraArgs", check);
        var volumes = component.ExtraVolumes ?? [];
        string[] types = ["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"];
        for (var i = 0; i < volumes.Count; i++)
        {
            var v = volumes[i];
            var p = $"{path}.extraVolumes[{i}]";
            if (!NetParse.IsDns1123Subdomain(v.Name) || v.Name.Contains('.', StringComparison.Ordinal))
            {
                check.Error($"{p}.name", $"'{v.Name}' is not a valid volume name", "a DNS-1123 label: lowercase letters, digits and '-'");
            }

            AbsolutePath(v.HostPath.Length == 0 ? "(empty)" : v.HostPath, $"{p}.hostPath", check);
            AbsolutePath(v.MountPath.Length == 0 ? "(empty)" : v.MountPath, $"{p}.mountPath", check);
            if (v.PathType is { } t && !types.Contains(t))
            {
                check.Error($"{p}.pathType", $"'{t}' is not a hostPath type", $"one of {string.Join(", ", types.Skip(1))}");
            }
        }

        Envs(component.ExtraEnvs, $"{path}.extraEnvs", check);
    }

    static void Envs(IReadOnlyList<EnvVar>? envs, string path, Checker check)
    {
        var list = envs ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (!EnvName().IsMatch(list[i].Name))
            {
                check.Error($"{path}[{i}].name", $"'{list[i].Name}' is not a valid environment variable name", "letters, digits, '_', '-' and '.', not starting with a digit");
            }
        }
    }

    static void Etcd(Model.Etcd etcd, KubernetesVersion? version, Checker check)
    {
        if (etcd.Local is not null && etcd.External is not null)
        {
            check.Error("etcd", "both etcd.local and etcd.external are set", "exactly one of local or external", "remove the one you do not use");
            return;
        }

        if (etcd.Local is { } local)
        {
            AbsolutePath(local.DataDir, "etcd.local.dataDir", check);
            Args(local.ExtraArgs, "etcd.local.extraArgs", check);
            Envs(local.ExtraEnvs, "etcd.local.extraEnvs", check);
            Sans(local.ServerCertSans, "etcd.local.serverCertSANs", check);
            Sans(local.PeerCertSans, "etcd.local.peerCertSANs", check);
            EtcdVersionRules(local, version, check);
        }

        if (etcd.External is { } ext)
        {
            ExternalEtcd(ext, check);
            if (ext.HttpEndpoints is { } http && version is { } v && !VersionTable.TraitsFor(v).ExternalEtcdHttpEndpoints)
            {
                check.Error("etcd.external.httpEndpoints", $"etcd.external.httpEndpoints is not a field of {v.MinorLine}", "a field of v1.35 or newer",
                    "remove it, or use kubernetesVersion v1.35 or newer");
            }

            var urls = ext.HttpEndpoints ?? [];
            for (var i = 0; i < urls.Count; i++)
            {
                if (!Uri.TryCreate(urls[i], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
                {
                    check.Error($"etcd.external.httpEndpoints[{i}]", $"'{urls[i]}' is not an etcd URL", "http://host:port or https://host:port");
                }
            }
        }
    }

    static void ExternalEtcd(Model.ExternalEtcd ext, Checker check)
    {
        if (ext.Endpoints is not { Count: > 0 })
        {
            check.Error("etcd.external.endpoints", "external etcd needs at least one endpoint", "a list of URLs such as https://10.0.0.5:2379");
        }

        if ((ext.CertFile is null) != (ext.KeyFile is null))
        {
            check.Error(ext.CertFile is null ? "etcd.external.keyFile" : "etcd.external.certFile", "certFile and keyFile must be set together", "both or neither");
        }

        var tls = ext.CertFile is not null || ext.KeyFile is not null;
        if (tls && ext.CaFile is null)
        {
            check.Error("etcd.external.caFile", "a client certificate needs the etcd CA file", "an absolute path to the etcd CA certificate");
        }

        AbsolutePath(ext.CaFile, "etcd.external.caFile", check);
        AbsolutePath(ext.CertFile, "etcd.external.certFile", check);
        AbsolutePath(ext.KeyFile, "etcd.external.keyFile", check);
        var endpoints = ext.Endpoints ?? [];
        for (var i = 0; i < endpoints.Count; i++)
        {
            var e = endpoints[i];
            var ok = Uri.TryCreate(e, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Host.Length > 0;
            if (!ok)
            {
                check.Error($"etcd.external.endpoints[{i}]", $"'{e}' is not an etcd URL", "https://host:port (http:// only without TLS files)");
            }
            else if (tls && !string.Equals(uri!.Scheme, "https", StringComparison.Ordinal))
            {
                check.Error($"etcd.external.endpoints[{i}]", $"'{e}' is not https, but TLS files are set", "an https:// URL", $"write 'https://{e[(uri.Scheme.Length + 3)..]}'");
            }
        }
    }

    static void ImageRepository(string? repo, string path, Checker check)
    {
        if (repo is not null && !ImageRepo().IsMatch(repo))
        {
            check.Error(path, $"'{repo}' is not a valid image repository", "a registry host with an optional port and path, lowercase, e.g. registry.example.com:5000/k8s");
        }
    }

    static void ValidityPeriods(ClusterConfiguration c, Checker check)
    {
        if (c.CertificateValidityPeriod is { } leaf && leaf.Value <= TimeSpan.Zero)
        {
            check.Error("certificateValidityPeriod", $"'{leaf}' is not a positive duration", "a duration such as 8760h");
        }

        if (c.CaCertificateValidityPeriod is { } ca && ca.Value <= TimeSpan.Zero)
        {
            check.Error("caCertificateValidityPeriod", $"'{ca}' is not a positive duration", "a duration such as 87600h");
        }

        if (c.CertificateValidityPeriod is { } l && c.CaCertificateValidityPeriod is { } cp && l > cp)
        {
            check.Warn("certificateValidityPeriod", $"'{l}' is longer than the CA's '{cp}'; leaf certificates will be cut to the CA's expiry",
                "at most caCertificateValidityPeriod");
        }
    }

    [GeneratedRegex(@"^[a-z0-9]+([._-][a-z0-9]+)*(\.[a-z0-9]+([._-][a-z0-9]+)*)*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)*$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ImageRepo();

    [GeneratedRegex(@"^[-._a-zA-Z][-._a-zA-Z0-9]*$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EnvName();
}
