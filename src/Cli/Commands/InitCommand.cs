using System.CommandLine;
using Kiln.Cli.Rendering;
using Kiln.Phases;
using Kiln.Phases.Sessions;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;

namespace Kiln.Cli.Commands;

/// <summary>`kiln init`, `kiln init phase ...` and `kiln plan init`.</summary>
public static class InitCommand
{
    sealed class Options
    {
        public Option<string?> Config { get; } = new("--config") { Description = "kubeadm configuration file (v1beta4 or v1beta3)" };
        public Option<string?> Rootfs { get; } = new("--rootfs") { Description = "Treat DIR as the node's / (files land under it)" };
        public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Write nothing; print what would be written" };
        public Option<bool> FilesOnly { get; } = new("--files-only") { Description = "Run only the phases that write files; skip those that need a live node" };
        public Option<string[]> SkipPhases { get; } = CommaListOption.Create("--skip-phases", "Phases to skip, comma-separated (a group skips its children)");

        public Option<string?> NodeName { get; } = new("--node-name") { Description = "Node name (default: the lowercased hostname)" };
        public Option<string?> AdvertiseAddress { get; } = new("--apiserver-advertise-address") { Description = "IP the API server advertises (default: the default-route address)" };
        public Option<int?> BindPort { get; } = new("--apiserver-bind-port") { Description = "API server port (default 6443)" };
        public Option<string?> KubernetesVersion { get; } = new("--kubernetes-version") { Description = "Kubernetes version" };
        public Option<string?> ControlPlaneEndpoint { get; } = new("--control-plane-endpoint") { Description = "Stable host[:port] for the control plane" };
        public Option<string?> PodNetworkCidr { get; } = new("--pod-network-cidr") { Description = "Pod network CIDR(s)" };
        public Option<string?> ServiceCidr { get; } = new("--service-cidr") { Description = "Service CIDR(s) (default 10.96.0.0/12)" };
        public Option<string?> ServiceDnsDomain { get; } = new("--service-dns-domain") { Description = "Cluster DNS domain (default cluster.local)" };
        public Option<string?> CertDir { get; } = new("--cert-dir") { Description = "Where certificates go (default /etc/kubernetes/pki)" };
        public Option<string?> ImageRepository { get; } = new("--image-repository") { Description = "Registry for control-plane images" };
        public Option<string?> CriSocket { get; } = new("--cri-socket") { Description = "CRI socket URL" };
        public Option<bool> UploadCerts { get; } = new("--upload-certs") { Description = "Upload the control-plane certificates to the kubeadm-certs Secret (for other control-plane nodes)" };
        public Option<string?> CertificateKey { get; } = new("--certificate-key") { Description = "Key (64 hex characters) that seals kubeadm-certs; generated and printed when omitted" };
        public Option<string?> KubeConfig { get; } = new("--kubeconfig") { Description = "kubeconfig for the cluster API (default: /etc/kubernetes/admin.conf under --rootfs)" };
        public Option<string[]> IgnorePreflightErrors { get; } = CommaListOption.Create("--ignore-preflight-errors", "Preflight checks whose errors become warnings, comma-separated, or 'all'");

        public void AddTo(Command command, bool withSkip)
        {
            Option[] all = [Config, Rootfs, DryRun, FilesOnly, NodeName, AdvertiseAddress, BindPort, KubernetesVersion, ControlPlaneEndpoint,
                PodNetworkCidr, ServiceCidr, ServiceDnsDomain, CertDir, ImageRepository, CriSocket, UploadCerts, CertificateKey, KubeConfig, IgnorePreflightErrors];
            foreach (var o in all)
            {
                command.Options.Add(o);
            }

            if (withSkip)
            {
                command.Options.Add(SkipPhases);
            }
        }

        public InitFlags Flags(ParseResult p) => new()
        {
            NodeName = p.GetValue(NodeName), AdvertiseAddress = p.GetValue(AdvertiseAddress), BindPort = p.GetValue(BindPort),
            KubernetesVersion = p.GetValue(KubernetesVersion), ControlPlaneEndpoint = p.GetValue(ControlPlaneEndpoint),
            PodNetworkCidr = p.GetValue(PodNetworkCidr), ServiceCidr = p.GetValue(ServiceCidr), ServiceDnsDomain = p.GetValue(ServiceDnsDomain),
            CertDir = p.GetValue(CertDir), ImageRepository = p.GetValue(ImageRepository), CriSocket = p.GetValue(CriSocket),
        };
    }

    public static Command Build(CliContext context)
    {
        var options = new Options();
        var init = new Command("init", "Set up this node as the first control-plane node (kubeadm init)");
        options.AddTo(init, withSkip: true);
        init.SetAction((p, ct) => RunAsync(context, options, p, only: [], planOnly: false, ct));
        var phase = new Command("phase", "Run one phase of init (a group runs all of its phases)");
        foreach (var top in Workflows.Init.Phases.Select(p => p.Id.Ancestors().FirstOrDefault(p.Id)).Distinct())
        {
            phase.Subcommands.Add(PhaseCommand(context, options, top));
        }

        init.Subcommands.Add(phase);
        return init;
    }

    public static Command BuildPlan(CliContext context)
    {
        var options = new Options();
        var plan = new Command("plan", "Print what a workflow would do, before anything runs");
        var init = new Command("init", "Print the init plan: each phase, and why it is skipped");
        options.AddTo(init, withSkip: true);
        init.SetAction((p, ct) => RunAsync(context, options, p, only: [], planOnly: true, ct));
        plan.Subcommands.Add(init);
        plan.Subcommands.Add(JoinCommand.BuildPlan(context));
        plan.Subcommands.Add(ResetCommand.BuildPlan(context));
        return plan;
    }

    static Command PhaseCommand(CliContext context, Options options, PhaseId id)
    {
        var children = Workflows.Init.Phases.Where(p => p.Id.Parent == id).ToList();
        var summary = Workflows.Init.Groups.TryGetValue(id, out var g) ? g : Workflows.Init.Phases.First(p => p.Id == id).Summary;
        var command = new Command(id.Leaf, summary);
        options.AddTo(command, withSkip: false);
        command.SetAction((p, ct) => RunAsync(context, options, p, [id.Value], planOnly: false, ct));
        foreach (var child in children)
        {
            var sub = new Command(child.Id.Leaf, child.Summary);
            options.AddTo(sub, withSkip: false);
            sub.SetAction((p, ct) => RunAsync(context, options, p, [child.Id.Value], planOnly: false, ct));
            command.Subcommands.Add(sub);
        }

        if (children.Count > 0)
        {
            var all = new Command("all", $"Run every {id} phase");
            options.AddTo(all, withSkip: false);
            all.SetAction((p, ct) => RunAsync(context, options, p, [id.Value], planOnly: false, ct));
            command.Subcommands.Add(all);
        }

        return command;
    }

    static async Task<int> RunAsync(CliContext context, Options options, ParseResult p, string[] only, bool planOnly, CancellationToken ct)
    {
        // with --rootfs the files are for another machine: the node name and address come from the config, never this host
        var rootfs = p.GetValue(options.Rootfs);
        var config = InitConfigSource.Load(context, p.GetValue(options.Config), options.Flags(p), thisMachine: rootfs is null);
        if (config is null)
        {
            return ExitCodes.UsageError;
        }

        if (p.GetValue(options.CertificateKey) is { } key)
        {
            config = config with { Init = (config.Init ?? new()) with { CertificateKey = key } };
        }

        var dryRun = p.GetValue(options.DryRun);
        var filesOnly = p.GetValue(options.FilesOnly);
        var root = new HostRoot(rootfs is not null ? context.Resolve(rootfs) : "/");
        var session = InitSession.Create(config, new RunOptions
        {
            Selection = new PhaseSelection(only, p.GetValue(options.SkipPhases) ?? []),
            Target = dryRun ? new MemoryRoot(root) : root,
            // with --rootfs the files are for another machine: its hostname and proxies are not this process's
            Host = rootfs is null ? context.Host : null,
            Live = dryRun || filesOnly ? null
                : LiveSetup.InitNode(context, config, root, p.GetValue(options.KubeConfig), p.GetValue(options.IgnorePreflightErrors) ?? []),
        }, p.GetValue(options.UploadCerts));
        if (await RunOutput.UsageErrorsAsync(context, session.Errors.Select(e => e.Text)))
        {
            return ExitCodes.UsageError;
        }

        if (planOnly)
        {
            await context.Out.WriteAsync(PlanText.Render(session.Plan()));
            return ExitCodes.Success;
        }

        // one writing run per root at a time (a dry run writes nothing)
        using var held = dryRun ? null : await RunLock.TakeAsync(context, root.Prefix, "kiln init");
        if (!dryRun && held is null)
        {
            return ExitCodes.Failure;
        }

        return await RunOutput.ExitCodeAsync(context, await session.RunAsync(new EventLines(context.Out) { DryRun = dryRun }, new CliSecrets(context.Out), ct));
    }
}
