using System.Globalization;
using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiln.Phases.Versions;

namespace Kiln.Cli.Commands;

/// <summary>`kiln version [-o short|json|yaml]`.</summary>
public static class VersionCommand
{
    public static string KilnVersion { get; } = "v" + (typeof(VersionCommand).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    public static Command Build(CliContext context)
    {
        var output = new Option<string>("--output", "-o") { Description = "Output format: text (default), short, json or yaml" };
        output.AcceptOnlyFromAmong("text", "short", "json", "yaml");
        var command = new Command("version", "Print the version of kiln and the Kubernetes versions it supports") { output };
        command.SetAction(parse =>
        {
            context.Out.Write(Render(parse.GetValue(output) ?? "text"));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static string Render(string format)
    {
        var platform = $"linux/{RuntimeInformation.OSArchitecture switch { Architecture.X64 => "amd64", Architecture.Arm64 => "arm64", var a => a.ToString().ToLowerInvariant() }}";
        return format switch
        {
            "short" => KilnVersion + "\n",
            "json" => Json(platform).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n",
            "yaml" => $"""
                clientVersion:
                  gitVersion: {KilnVersion}
                  platform: {platform}
                kubernetes:
                  default: {VersionTable.Default}
                  supported: {VersionTable.SupportedRange}
                  inSupport: {VersionTable.InSupportRange}
                  tableAsOf: "{VersionTable.AsOf:yyyy-MM-dd}"
                  minors:
                {string.Concat(VersionTable.Minors.Select(m => $"  - {{minor: {m.Line}, latest: {m.Latest}, released: \"{m.Released:yyyy-MM-dd}\", endOfLife: \"{m.EndOfLife:yyyy-MM-dd}\"}}\n"))}
                """,
            _ => $"kiln version: {KilnVersion} (Kubernetes {VersionTable.SupportedRange}, in support {VersionTable.InSupportRange}; default {VersionTable.Default}; "
                + $"version table of {VersionTable.AsOf:yyyy-MM-dd}; {platform})\n",
        };
    }

    static JsonObject Json(string platform) => new()
    {
        ["clientVersion"] = new JsonObject { ["gitVersion"] = KilnVersion, ["platform"] = platform },
        ["kubernetes"] = new JsonObject
        {
            ["default"] = VersionTable.Default.ToString(), ["supported"] = VersionTable.SupportedRange, ["inSupport"] = VersionTable.InSupportRange,
            ["tableAsOf"] = VersionTable.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["minors"] = new JsonArray([.. VersionTable.Minors.Select(m => (JsonNode)new JsonObject
            {
                ["minor"] = m.Line, ["latest"] = m.Latest.ToString(),
                ["released"] = m.Released.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["endOfLife"] = m.EndOfLife.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            })]),
        },
    };
}
