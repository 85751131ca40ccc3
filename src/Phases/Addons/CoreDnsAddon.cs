using k8s.Models;
using Kiln.Phases.Cluster;
using Kiln.Phases.Config;
using Kiln.Phases.Images;
using Kiln.Phases.StaticPods;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Addons;

/// <summary><c>addon/coredns</c> (cmd/kubeadm/app/phases/addons/dns/dns.go): CoreDNS's ServiceAccount, RBAC, Corefile, Deployment and the kube-dns Service.</summary>
public static class CoreDnsAddon
{
    const string Ns = "kube-system";

    /// <summary>The phase.</summary>
    public static PhaseDefinition Definition { get; } = LivePhase.Define("addon/coredns", "Install the CoreDNS addon to a Kubernetes cluster", Capabilities.ClusterApi, RunAsync) with
    {
        SkipReason = c => c.Config.Cluster?.Dns.Disabled == true ? SkipReason.ByConfig("dns.disabled is set in the ClusterConfiguration") : null,
    };

    /// <summary>The Corefile for a cluster domain.</summary>
    public static string Corefile(string domain) =>
        ".:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n"
        + $"    kubernetes {domain} in-addr.arpa ip6.arpa {{\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }}\n"
        + "    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n"
        + $"    cache 30 {{\n       disable success {domain}\n       disable denial {domain}\n    }}\n"
        + "    loop\n    reload\n    loadbalance\n}\n";

    /// <summary>The DNS Service's cluster IP: the 10th address of the first service subnet.</summary>
    public static string ClusterIp(ManifestInputs i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return ConfigDefaults.ClusterDnsIp(i.Cluster.Networking) ?? throw new PhaseException($"bad service subnet {i.Cluster.Networking.ServiceSubnet}");
    }

    /// <summary>The Deployment.</summary>
    public static V1Deployment Deployment(ManifestInputs i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var image = ControlPlaneImages.For(i.Cluster).First(x => string.Equals(x.Component, "coredns", StringComparison.Ordinal)).Reference;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["k8s-app"] = "kube-dns" };
        var ports = new List<V1ContainerPort>
        {
            new() { ContainerPort = 53, Name = "dns", Protocol = "UDP" },
            new() { ContainerPort = 53, Name = "dns-tcp", Protocol = "TCP" },
            new() { ContainerPort = 9153, Name = "metrics", Protocol = "TCP" },
        };
        if (i.Traits.NamedProbePort)
        {
            ports.Add(new() { ContainerPort = 8080, Name = "liveness-probe", Protocol = "TCP" });
            ports.Add(new() { ContainerPort = 8181, Name = "readiness-probe", Protocol = "TCP" });
        }

        return new V1Deployment
        {
            ApiVersion = "apps/v1", Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "coredns", NamespaceProperty = Ns, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Strategy = new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 1 } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Affinity = new V1Affinity
                        {
                            PodAntiAffinity = new V1PodAntiAffinity
                            {
                                PreferredDuringSchedulingIgnoredDuringExecution = [new V1WeightedPodAffinityTerm
                                {
                                    Weight = 100,
                                    PodAffinityTerm = new V1PodAffinityTerm
                                    {
                                        TopologyKey = "kubernetes.io/hostname",
                                        LabelSelector = new V1LabelSelector
                                        {
                                            MatchExpressions = [new V1LabelSelectorRequirement { Key = "k8s-app", OperatorProperty = "In", Values = ["kube-dns"] }],
                                        },
                                    },
                                }],
                            },
                        },
                        PriorityClassName = "system-cluster-critical",
                        ServiceAccountName = "coredns",
                        Tolerations =
                        [
                            new V1Toleration { Key = "CriticalAddonsOnly", OperatorProperty = "Exists" },
                            new V1Toleration { Key = MarkControlPlanePhase.RoleLabel, Effect = "NoSchedule" },
                        ],
                        NodeSelector = new Dictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/os"] = "linux" },
                        DnsPolicy = "Default",
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "coredns", Image = image, ImagePullPolicy = i.PullPolicy,
                                Args = ["-conf", "/etc/coredns/Corefile"],
                                Resources = new V1ResourceRequirements
                                {
                                    Limits = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["memory"] = new("170Mi") },
                                    Requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["cpu"] = new("100m"), ["memory"] = new("70Mi") },
                                },
                                Ports = ports,
                                LivenessProbe = new V1Probe
                                {
                                    HttpGet = new V1HTTPGetAction { Path = "/health", Port = i.Traits.NamedProbePort ? "liveness-probe" : 8080, Scheme = "HTTP" },
                                    InitialDelaySeconds = 60, TimeoutSeconds = 5, SuccessThreshold = 1, FailureThreshold = 5,
                                },
                                ReadinessProbe = new V1Probe
                                {
                                    HttpGet = new V1HTTPGetAction { Path = "/ready", Port = i.Traits.NamedProbePort ? "readiness-probe" : 8181, Scheme = "HTTP" },
                                },
                                SecurityContext = new V1SecurityContext
                                {
                                    AllowPrivilegeEscalation = false,
                                    Capabilities = new V1Capabilities { Add = ["NET_BIND_SERVICE"], Drop = ["ALL"] },
                                    ReadOnlyRootFilesystem = true,
                                },
                                VolumeMounts = [new V1VolumeMount { Name = "config-volume", MountPath = "/etc/coredns", ReadOnlyProperty = true }],
                            },
                        ],
                        Volumes =
                        [
                            new V1Volume
                            {
                                Name = "config-volume",
                                ConfigMap = new V1ConfigMapVolumeSource { Name = "coredns", Items = [new V1KeyToPath { Key = "Corefile", Path = "Corefile" }] },
                            },
                        ],
                    },
                },
            },
        };
    }

    /// <summary>The kube-dns Service.</summary>
    public static V1Service Service(ManifestInputs i) => new()
    {
        ApiVersion = "v1", Kind = "Service",
        Metadata = new V1ObjectMeta
        {
            Name = "kube-dns", NamespaceProperty = Ns,
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["k8s-app"] = "kube-dns", ["kubernetes.io/cluster-service"] = "true", ["kubernetes.io/name"] = "CoreDNS" },
            Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { ["prometheus.io/port"] = "9153", ["prometheus.io/scrape"] = "true" },
        },
        Spec = new V1ServiceSpec
        {
            ClusterIP = ClusterIp(i),
            Ports =
            [
                new V1ServicePort { Name = "dns", Port = 53, Protocol = "UDP", TargetPort = 53 },
                new V1ServicePort { Name = "dns-tcp", Port = 53, Protocol = "TCP", TargetPort = 53 },
                new V1ServicePort { Name = "metrics", Port = 9153, Protocol = "TCP", TargetPort = 9153 },
            ],
            Selector = new Dictionary<string, string>(StringComparer.Ordinal) { ["k8s-app"] = "kube-dns" },
        },
    };

    static async Task RunAsync(PhaseContext c, CancellationToken ct)
    {
        var i = ManifestInputs.For(c.Config);
        var api = await LivePhase.ApiAsync(c, ct);
        await api.ApplyAsync(new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = new V1ObjectMeta { Name = "coredns", NamespaceProperty = Ns } }, ct);
        await api.ApplyAsync(new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "ClusterRole",
            Metadata = new V1ObjectMeta { Name = "system:coredns" },
            Rules =
            [
                new V1PolicyRule { ApiGroups = [""], Resources = ["endpoints", "services", "pods", "namespaces"], Verbs = ["list", "watch"] },
                new V1PolicyRule { ApiGroups = ["discovery.k8s.io"], Resources = ["endpointslices"], Verbs = ["list", "watch"] },
            ],
        }, ct);
        await api.ApplyAsync(Rbac.ClusterBinding("system:coredns", "system:coredns", Rbac.ServiceAccountSubject(Ns, "coredns")), ct);
        var domain = i.Cluster.Networking.DnsDomain ?? "cluster.local";
        await api.ApplyAsync(new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "coredns", NamespaceProperty = Ns },
            Data = new Dictionary<string, string>(StringComparer.Ordinal) { ["Corefile"] = Corefile(domain) },
        }, ct);
        await api.ApplyAsync(Deployment(i), ct);
        await api.ApplyAsync(Service(i), ct);
    }
}
