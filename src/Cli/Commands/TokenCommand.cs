using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using Kiln.Cli.Rendering;
using Kiln.Phases.Cluster;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Config.Yaml;
using Kiln.Phases.Targets;
using Kiln.Phases.Tokens;
using Kiln.Phases.Workflow;

namespace Kiln.Cli.Commands;

/// <summary>`kiln token create|list|delete|generate` (cmd/kubeadm/app/phases/bootstraptoken/node/token.go).</summary>
public static class TokenCommand
{
    public static Command Build(CliContext context)
    {
        var kubeconfig = new Option<string>("--kubeconfig") { Description = "kubeconfig for the cluster", DefaultValueFactory = _ => "/etc/kubernetes/admin.conf" };
        var token = new Command("token", "Manage bootstrap tokens");
        token.Subcommands.Add(Create(context, kubeconfig));
        token.Subcommands.Add(List(context, kubeconfig));
        token.Subcommands.Add(Delete(context, kubeconfig));
        var generate = new Command("generate", "Print a new random bootstrap token (for kiln init --config or kiln token create)");
        generate.SetAction(_ =>
        {
            context.Out.WriteLine(BootstrapTokenString.Generate().Reveal());
            return ExitCodes.Success;
        });
        token.Subcommands.Add(generate);
        return token;
    }

    static Command Create(CliContext context, Option<string> kubeconfig)
    {
        var value = new Argument<string?>("token") { Description = "The token to create (default: a new random one)", Arity = ArgumentArity.ZeroOrOne };
        var ttl = new Option<string>("--ttl") { Description = "Lifetime, e.g. 24h, 30m; 0 never expires", DefaultValueFactory = _ => "24h" };
        var usages = new Option<string>("--usages") { Description = "signing,authentication", DefaultValueFactory = _ => "signing,authentication" };
        var groups = new Option<string?>("--groups") { Description = $"Extra groups, comma-separated (default {ConfigDefaults.NodeTokenGroup})" };
        var description = new Option<string?>("--description") { Description = "Human-readable description" };
        var printJoin = new Option<bool>("--print-join-command") { Description = "Print the whole join command instead of only the token" };
        var create = new Command("create", "Create a bootstrap token on the cluster and print it") { value };
        foreach (var o in (Option[])[kubeconfig, ttl, usages, groups, description, printJoin])
        {
            create.Options.Add(o);
        }

        create.SetAction(async (p, ct) =>
        {
            var text = p.GetValue(value) ?? BootstrapTokenString.Generate().Reveal();
            if (!GoDuration.TryParse(p.GetValue(ttl)!, out var lifetime))
            {
                await context.Err.WriteLineAsync($"kiln: --ttl {p.GetValue(ttl)}: not a duration (e.g. 24h, 90m, 0)");
                return ExitCodes.UsageError;
            }

            var requested = new BootstrapToken
            {
                Token = text, Ttl = lifetime, Description = p.GetValue(description),
                Usages = p.GetValue(usages)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Groups = p.GetValue(groups)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            var defaulted = BootstrapTokenSecret.Defaults(requested);
            var findings = new List<ConfigError>();
            ConfigValidator.Validate(new KubeadmConfig { Init = new InitConfiguration { BootstrapTokens = [defaulted] } }, findings);
            var errors = findings.Where(f => f.Severity == Severity.Error && f.Field.StartsWith("bootstrapTokens", StringComparison.Ordinal)).ToList();
            foreach (var f in errors)
            {
                // the token itself is a secret: the message names the field, never the value
                await context.Err.WriteLineAsync($"kiln: {f.Field.Replace("bootstrapTokens[0].", "", StringComparison.Ordinal)}: {f.Message}" + (f.Allowed is null ? "" : $" (allowed: {f.Allowed})"));
            }

            if (errors.Count > 0)
            {
                return ExitCodes.UsageError;
            }

            return await WithClientAsync(context, p.GetValue(kubeconfig)!, async client =>
            {
                var secret = BootstrapTokenSecret.From(defaulted, TimeProvider.System.GetUtcNow());
                await client.CoreV1.CreateNamespacedSecretAsync(secret.ToSecret(), "kube-system", fieldManager: ApiWriter.FieldManager, cancellationToken: ct);
                if (p.GetValue(printJoin))
                {
                    var ca = await CaFromClusterInfoAsync(client, ct);
                    await context.Out.WriteLineAsync(Rendering.CliSecrets.Render(new Kiln.Phases.Cluster.JoinCommand(ca.Endpoint, text, ca.Pin)));
                }
                else
                {
                    await context.Out.WriteLineAsync(text);
                }
            }, ct);
        });
        return create;
    }

    static Command List(CliContext context, Option<string> kubeconfig)
    {
        var output = new Option<string>("--output", "-o") { Description = "text, json or yaml", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json", "yaml");
        var list = new Command("list", "List the cluster's bootstrap tokens");
        list.Options.Add(kubeconfig);
        list.Options.Add(output);
        list.SetAction((p, ct) => WithClientAsync(context, p.GetValue(kubeconfig)!, async client =>
        {
            var secrets = await client.CoreV1.ListNamespacedSecretAsync("kube-system", fieldSelector: $"type={BootstrapTokenSecret.SecretType}", cancellationToken: ct);
            var tokens = secrets.Items.Select(BootstrapTokenSecret.FromSecret).OfType<BootstrapTokenSecret>().OrderBy(t => t.Token.Id, StringComparer.Ordinal).ToList();
            var now = TimeProvider.System.GetUtcNow();
            switch (p.GetValue(output))
            {
                case "json":
                case "yaml":
                    // built as JSON nodes, keys in ordinal order, so no reflection-based serializer is needed (Native AOT)
                    var json = new JsonArray([.. tokens.Select(t => (JsonNode?)new JsonObject
                    {
                        ["description"] = t.Description, ["expires"] = t.Expires is { } e ? BootstrapTokenSecret.FormatTime(e) : null,
                        ["groups"] = Strings(t.Groups), ["token"] = t.Token.Reveal(), ["usages"] = Strings(t.Usages),
                    })]);
                    var text = json.ToJsonString(s_json);
                    await context.Out.WriteLineAsync(string.Equals(p.GetValue(output), "json", StringComparison.Ordinal) ? text
                        : YamlWriter.Write(JsonNode.Parse($"{{\"tokens\":{text}}}")!.AsObject()).TrimEnd());
                    break;
                default:
                    var rows = tokens.Select(t => (IReadOnlyList<string>)
                    [
                        t.Token.Reveal(),
                        t.Expires is { } e ? Ttl(e - now) : "<forever>",
                        t.Expires is { } e2 ? BootstrapTokenSecret.FormatTime(e2) : "<never>",
                        string.Join(',', t.Usages),
                        t.Description ?? "<none>",
                        string.Join(',', t.Groups),
                    ]);
                    await context.Out.WriteAsync(Table.Render(["TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"], rows));
                    break;
            }
        }, ct));
        return list;
    }

    static Command Delete(CliContext context, Option<string> kubeconfig)
    {
        var ids = new Argument<string[]>("token") { Description = "Token ids or whole tokens", Arity = ArgumentArity.OneOrMore };
        var delete = new Command("delete", "Delete bootstrap tokens from the cluster") { ids };
        delete.Options.Add(kubeconfig);
        delete.SetAction((p, ct) => WithClientAsync(context, p.GetValue(kubeconfig)!, async client =>
        {
            foreach (var given in p.GetValue(ids)!)
            {
                var id = BootstrapTokenString.TryParse(given)?.Id ?? given;
                if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9]{6}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    throw new PhaseException($"{given}: not a token id ([a-z0-9]{{6}}) or a token");
                }

                await client.CoreV1.DeleteNamespacedSecretAsync(BootstrapTokenSecret.NamePrefix + id, "kube-system", cancellationToken: ct);
                await context.Out.WriteLineAsync($"bootstrap token \"{id}\" deleted");
            }
        }, ct));
        return delete;
    }

    static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    static JsonArray Strings(IReadOnlyList<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    static string Ttl(TimeSpan left) => left <= TimeSpan.Zero ? "<invalid>"
        : left.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalHours}h") : string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(left.TotalMinutes)}m");

    static async Task<(string Endpoint, string Pin)> CaFromClusterInfoAsync(IKubernetes client, CancellationToken ct)
    {
        var info = await client.CoreV1.ReadNamespacedConfigMapAsync(BootstrapTokenPhase.ClusterInfo, "kube-public", cancellationToken: ct);
        var text = info.Data is not null && info.Data.TryGetValue("kubeconfig", out var k) ? k : throw new PhaseException("kube-public/cluster-info has no kubeconfig");
        var (doc, problem) = Kiln.Phases.KubeConfig.KubeConfigReader.Read("cluster-info", System.Text.Encoding.UTF8.GetBytes(text));
        var cluster = (doc is { Clusters.Count: > 0 } ? doc.Clusters[0].Cluster : null) ?? throw new PhaseException($"cluster-info: {problem ?? "no cluster"}");
        var ca = Kiln.Phases.Certs.Pem.DecodeCertificate(Convert.FromBase64String(cluster.CertificateAuthorityData ?? ""), "cluster-info CA");
        return (cluster.Server.Replace("https://", "", StringComparison.Ordinal), CaPin.Of(ca));
    }

    static async Task<int> WithClientAsync(CliContext context, string kubeconfig, Func<IKubernetes, Task> action, CancellationToken ct)
    {
        try
        {
            var path = context.Resolve(kubeconfig);
            using var client = await ClusterConnection.FromKubeConfig(new HostRoot("/"), path, null, TimeProvider.System).GetAsync(ct);
            await action(client);
            return ExitCodes.Success;
        }
        catch (PhaseException e)
        {
            await context.Err.WriteLineAsync(Rendering.ProblemText.Render(e.Message, e.Hint));
            return ExitCodes.Failure;
        }
        catch (HttpOperationException e)
        {
            await context.Err.WriteLineAsync($"kiln: {ApiWriter.Describe(e)}");
            return ExitCodes.Failure;
        }
        catch (HttpRequestException e)
        {
            await context.Err.WriteLineAsync($"kiln: cannot reach the API server: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
