using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kiln.Cli.Rendering;
using Kiln.Phases.Certs;
using Kiln.Phases.Targets;

namespace Kiln.Cli.Commands;

/// <summary>`certs check-expiration`'s two tables (cmd/kubeadm/app/cmd/certs.go).</summary>
public sealed record ExpirationReport(IReadOnlyList<ExpirationReport.Row> Certificates, IReadOnlyList<ExpirationReport.Row> Authorities, DateTimeOffset Now)
{
    public sealed record Row(string Name, DateTime? Expires, string? Ca, bool ExternallyManaged, bool Missing);

    public static ExpirationReport Collect(ITargetRoot root, PkiInputs inputs, DateTimeOffset now)
    {
        var certs = CertInventory.Leaves(inputs).Select(e =>
        {
            var cert = CertInventory.Read(root, e);
            return new Row(e.Name, cert?.NotAfter, e.Ca.Name, !root.Exists(e.Ca.KeyPath(inputs)), cert is null);
        }).ToList();
        var cas = CertInventory.Authorities(inputs).Select(s =>
        {
            var exists = root.Exists(s.CertPath(inputs));
            var cert = exists ? Pem.DecodeCertificate(root.ReadAllBytes(s.CertPath(inputs)), s.CertPath(inputs)) : null;
            return new Row(s.Name, cert?.NotAfter, null, !root.Exists(s.KeyPath(inputs)), !exists);
        }).ToList();
        return new ExpirationReport(certs, cas, now);
    }

    public string Text()
    {
        var first = Table.Render(["CERTIFICATE", "EXPIRES", "RESIDUAL TIME", "CERTIFICATE AUTHORITY", "EXTERNALLY MANAGED"],
            Certificates.Select(r => (IReadOnlyList<string>)[Label(r), Expires(r), Residual(r), r.Ca!, YesNo(r)]));
        var second = Table.Render(["CERTIFICATE AUTHORITY", "EXPIRES", "RESIDUAL TIME", "EXTERNALLY MANAGED"],
            Authorities.Select(r => (IReadOnlyList<string>)[Label(r), Expires(r), Residual(r), YesNo(r)]));
        return first + "\n" + second;
    }

    public JsonObject Json() => new()
    {
        ["kind"] = "CertificateExpirationInfo",
        ["apiVersion"] = "output.kubeadm.k8s.io/v1alpha3",
        ["certificates"] = new JsonArray([.. Certificates.Select(r => (JsonNode)JsonRow(r))]),
        ["certificateAuthorities"] = new JsonArray([.. Authorities.Select(r => (JsonNode)JsonRow(r))]),
    };

    public string Yaml()
    {
        var sb = new StringBuilder("apiVersion: output.kubeadm.k8s.io/v1alpha3\n");
        void Section(string key, IEnumerable<Row> rows)
        {
            sb.Append(key).Append(":\n");
            foreach (var r in rows)
            {
                sb.Append("- name: ").Append(r.Name).Append('\n');
                sb.Append("  expirationDate: ").Append(r.Expires is { } e ? e.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "null").Append('\n');
                sb.Append("  residualTime: ").Append(r.Expires is { } d ? (long)(d - Now.UtcDateTime).TotalSeconds * 1_000_000_000 : 0).Append('\n');
                if (r.Ca is not null)
                {
                    sb.Append("  caName: ").Append(r.Ca).Append('\n');
                }

                sb.Append("  externallyManaged: ").Append(r.ExternallyManaged ? "true" : "false").Append('\n');
                sb.Append("  missing: ").Append(r.Missing ? "true" : "false").Append('\n');
            }
        }

        Section("certificateAuthorities", Authorities);
        Section("certificates", Certificates);
        sb.Append("kind: CertificateExpirationInfo\n");
        return sb.ToString();
    }

    JsonObject JsonRow(Row r)
    {
        var o = new JsonObject
        {
            ["name"] = r.Name,
            ["expirationDate"] = r.Expires?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["residualTime"] = r.Expires is { } e ? (long)(e - Now.UtcDateTime).TotalSeconds * 1_000_000_000 : 0,
            ["externallyManaged"] = r.ExternallyManaged,
            ["missing"] = r.Missing,
        };
        if (r.Ca is not null)
        {
            o["caName"] = r.Ca;
        }

        return o;
    }

    static string Label(Row r) => r.Missing ? $"!MISSING! {r.Name}" : r.Name;

    static string Expires(Row r) => r.Expires is { } e ? e.ToString("MMM dd, yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";

    static string YesNo(Row r) => r.ExternallyManaged ? "yes" : "no";

    string Residual(Row r) => r.Expires is { } e ? ShortHumanDuration(e - Now.UtcDateTime) : "";

    /// <summary>apimachinery's ShortHumanDuration: 59s, 59m, 47h, 729d, then years; expired is &lt;invalid&gt;.</summary>
    public static string ShortHumanDuration(TimeSpan d) => d switch
    {
        _ when d < TimeSpan.FromSeconds(-1) => "<invalid>",
        _ when d < TimeSpan.Zero => "0s",
        _ when d < TimeSpan.FromMinutes(1) => $"{(int)d.TotalSeconds}s",
        _ when d < TimeSpan.FromHours(1) => $"{(int)d.TotalMinutes}m",
        _ when d < TimeSpan.FromHours(48) => $"{(int)d.TotalHours}h",
        _ when d < TimeSpan.FromDays(365 * 2) => $"{(int)d.TotalDays}d",
        _ => $"{(int)(d.TotalDays / 365)}y",
    };
}
