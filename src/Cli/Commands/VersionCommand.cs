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

                """,
            _ => $"kiln version: {KilnVersion} (Kubernetes {VersionTable.SupportedRange}; default {VersionTable.Default}; {platform})\n",
        };
    }

    static JsonObject Json(string platform) => new()
    {
        ["clientVersion"] = new JsonObject { ["gitVersion"] = KilnVersion, ["platform"] = platform },
        ["kubernetes"] = new JsonObject { ["default"] = VersionTable.Default.ToString(), ["supported"] = VersionTable.SupportedRange },
    };
}
