using Kiln.Phases.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Config;

/// <summary>The top-level fields of the component configs kubeadm passes through, to catch misspelt keys.</summary>
internal static class ComponentFields
{
    internal static readonly string[] Kubelet =
    [
        "address", "allowedUnsafeSysctls", "authentication", "authorization", "cgroupDriver", "cgroupRoot", "cgroupsPerQOS",
        "clusterDNS", "clusterDomain", "configMapAndSecretChangeDetectionStrategy", "containerLogMaxFiles", "containerLogMaxSize",
        "containerLogMaxWorkers", "containerLogMonitorInterval", "containerRuntimeEndpoint", "contentType", "cpuCFSQuota",
        "cpuCFSQuotaPeriod", "cpuManagerPolicy", "cpuManagerPolicyOptions", "cpuManagerReconcilePeriod", "crashLoopBackOff",
        "enableControllerAttachDetach", "enableContentionProfiling", "enableDebugFlagsHandler", "enableDebuggingHandlers",
        "enableProfilingHandler", "enableServer", "enableSystemLogHandler", "enableSystemLogQuery", "enforceNodeAllocatable",
        "eventBurst", "eventRecordQPS", "evictionHard", "evictionMaxPodGracePeriod", "evictionMinimumReclaim",
        "evictionPressureTransitionPeriod", "evictionSoft", "evictionSoftGracePeriod", "failCgroupV1", "failSwapOn", "featureGates",
        "fileCheckFrequency", "hairpinMode", "healthzBindAddress", "healthzPort", "httpCheckFrequency", "imageGCHighThresholdPercent",
        "imageGCLowThresholdPercent", "imageMaximumGCAge", "imageMinimumGCAge", "imagePullCredentialsVerificationPolicy",
        "imageServiceEndpoint", "iptablesDropBit", "iptablesMasqueradeBit", "kernelMemcgNotification", "kubeAPIBurst", "kubeAPIQPS",
        "kubeReserved", "kubeReservedCgroup", "kubeletCgroups", "localStorageCapacityIsolation", "logging", "makeIPTablesUtilChains",
        "maxOpenFiles", "maxParallelImagePulls", "maxPods", "memoryManagerPolicy", "memorySwap", "memoryThrottlingFactor",
        "mergeDefaultEvictionSettings", "nodeLeaseDurationSeconds", "nodeStatusMaxImages", "nodeStatusReportFrequency",
        "nodeStatusUpdateFrequency", "oomScoreAdj", "podCIDR", "podLogsDir", "podPidsLimit", "podsPerCore",
        "port", "preloadedImagesVerificationAllowlist", "protectKernelDefaults", "providerID", "qosReserved", "readOnlyPort",
        "registerNode", "registerWithTaints", "registryBurst", "registryPullQPS", "reservedMemory", "reservedSystemCPUs",
        "resolvConf", "rotateCertificates", "runOnce", "runtimeRequestTimeout", "seccompDefault", "serializeImagePulls",
        "serverTLSBootstrap", "showHiddenMetricsForVersion", "shutdownGracePeriod", "shutdownGracePeriodByPodPriority",
        "shutdownGracePeriodCriticalPods", "singleProcessOOMKill", "staticPodPath", "staticPodURL", "staticPodURLHeader",
        "streamingConnectionIdleTimeout", "syncFrequency", "systemCgroups", "systemReserved", "systemReservedCgroup",
        "tlsCertFile", "tlsCipherSuites", "tlsMinVersion", "tlsPrivateKeyFile", "topologyManagerPolicy",
        "topologyManagerPolicyOptions", "topologyManagerScope", "tracing", "userNamespaces", "volumePluginDir", "volumeStatsAggPeriod",
    ];

    internal static readonly string[] KubeProxy =
    [
        "bindAddress", "bindAddressHardFail", "clientConnection", "clusterCIDR", "configSyncPeriod", "conntrack", "detectLocal",
        "detectLocalMode", "enableProfiling", "featureGates", "healthzBindAddress", "hostnameOverride", "iptables", "ipvs",
        "linux", "logging", "metricsBindAddress", "mode", "nftables", "nodePortAddresses", "oomScoreAdj", "portRange",
        "showHiddenMetricsForVersion", "windowsRunAsService", "winkernel",
    ];

    internal static void Check(ConfigDocument document, YamlMappingNode root, string[] known, ICollection<ConfigError> findings)
    {
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var at = SourceMark.Of(document.File, keyNode);
            document.Locations[key] = SourceMark.Of(document.File, valueNode);
            if (key is "apiVersion" or "kind" || known.Contains(key))
            {
                continue;
            }

            var closest = Suggest.Closest(key, known);
            findings.Add(new ConfigError(at, key, $"unknown field '{key}' in {document.Kind}", null,
                closest is not null ? $"did you mean '{closest}'?" : $"see the {document.ApiVersion} reference for the fields of {document.Kind}"));
        }
    }
}
