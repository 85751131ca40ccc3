using System.CommandLine;
using System.Text.Json;
using Kiln.Phases.Certs;
using Kiln.Phases.Config;
using Kiln.Phases.Targets;

namespace Kiln.Cli.Commands;

/// <summary>`kiln certs certificate-key|check-expiration|renew`.</summary>
public static class CertsCommand
{
    public static Command Build(CliContext context)
    {
        var certs = new Command("certs", "Commands related to handling Kubernetes certificates");
        var key = new Command("certificate-key", "Print a new random key for --certificate-key (64 hex characters)");
        key.SetAction(_ =>
        {
            context.Out.WriteLine(CertificateKey.New());
            return ExitCodes.Success;
        });
        certs.Subcommands.Add(key);
        certs.Subcommands.Add(CheckExpiration(context));
        certs.Subcommands.Add(Renew(context));
        certs.Subcommands.Add(GenerateCsr(context));
        return certs;
    }

    internal sealed class NodeOptions
    {
        public Option<string?> Config { get; } = new("--config") { Description = "kubeadm configuration file" };
        public Option<string?> CertDir { get; } = new("--cert-dir") { Description = "Where certificates are (default /etc/kubernetes/pki)" };
        public Option<string?> Rootfs { get; } = new("--rootfs") { Description = "Treat DIR as the node's /" };

        public void AddTo(Command c)
        {
            c.Options.Add(Config);
            c.Options.Add(CertDir);
            c.Options.Add(Rootfs);
        }

        public (PkiInputs Inputs, ITargetRoot Root)? Load(CliContext context, ParseResult p) =>
            LoadConfig(context, p) is var (config, root) ? (PkiInputs.For(config), root) : null;

        public (KubeadmConfig Config, ITargetRoot Root)? LoadConfig(CliContext context, ParseResult p)
        {
            var config = InitConfigSource.Load(context, p.GetValue(Config), new InitFlags { CertDir = p.GetValue(CertDir) });
            return config is null ? null : (config, new HostRoot(p.GetValue(Rootfs) is { } r ? context.Resolve(r) : "/"));
        }
    }

    static Command CheckExpiration(CliContext context)
    {
        var options = new NodeOptions();
        var output = new Option<string>("--output", "-o") { Description = "text (default), json or yaml" };
        output.AcceptOnlyFromAmong("text", "json", "yaml");
        var command = new Command("check-expiration", "Check when the certificates of this control-plane node expire") { output };
        options.AddTo(command);
        command.SetAction(p =>
        {
            if (options.Load(context, p) is not var (inputs, root))
            {
                return ExitCodes.UsageError;
            }

            var report = ExpirationReport.Collect(root, inputs, TimeProvider.System.GetUtcNow());
            context.Out.Write((p.GetValue(output) ?? "text") switch
            {
                "json" => report.Json().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n",
                "yaml" => report.Yaml(),
                _ => report.Text(),
            });
            return ExitCodes.Success;
        });
        return command;
    }

    static Command GenerateCsr(CliContext context)
    {
        var options = new NodeOptions();
        var kubeconfigDir = new Option<string>("--kubeconfig-dir") { Description = "Where the kubeconfig files go", DefaultValueFactory = _ => "/etc/kubernetes" };
        var command = new Command("generate-csr", "Write keys and certificate signing requests for an external CA to sign") { kubeconfigDir };
        options.AddTo(command);
        command.SetAction(async (p, ct) =>
        {
            if (options.LoadConfig(context, p) is not var (config, root))
            {
                return ExitCodes.UsageError;
            }

            var (written, inTheWay) = await CsrGenerator.GenerateAsync(root, config, p.GetValue(kubeconfigDir)!, new KeyPool(), ct);
            foreach (var path in inTheWay)
            {
                await context.Err.WriteLineAsync($"kiln: {root.Describe(path)} already exists; generate-csr never overwrites a file");
            }

            foreach (var path in written)
            {
                await context.Out.WriteLineAsync($"[certs] wrote {path}");
            }

            return inTheWay.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    static Command Renew(CliContext context)
    {
        var renew = new Command("renew", "Renew certificates with the CAs on disk (new keys; same names and SANs)");
        var names = CertInventory.Leaves(new PkiInputs(new(), "n", "127.0.0.1")).Select(e => e.Name).Prepend("all");
        foreach (var name in names)
        {
            var options = new NodeOptions();
            var sub = new Command(name, string.Equals(name, "all", StringComparison.Ordinal) ? "Renew every certificate kubeadm manages" : $"Renew {name}");
            options.AddTo(sub);
            sub.SetAction(async (p, ct) =>
            {
                if (options.Load(context, p) is not var (inputs, root))
                {
                    return ExitCodes.UsageError;
                }

                var keys = new KeyPool();
                var failed = false;
                foreach (var entry in CertInventory.Leaves(inputs).Where(e => string.Equals(name, "all", StringComparison.Ordinal) || string.Equals(e.Name, name, StringComparison.Ordinal)))
                {
                    var problem = await CertRenewal.RenewAsync(root, inputs, entry, keys, TimeProvider.System.GetUtcNow(), ct);
                    failed |= problem is not null;
                    await (problem is null ? context.Out.WriteLineAsync($"[renew] {entry.Name} renewed") : context.Err.WriteLineAsync($"kiln: {problem}"));
                }

                await context.Out.WriteLineAsync("Done renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.");
                return failed ? ExitCodes.Failure : ExitCodes.Success;
            });
            renew.Subcommands.Add(sub);
        }

        return renew;
    }
}
