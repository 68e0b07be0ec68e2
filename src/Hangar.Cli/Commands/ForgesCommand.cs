using System.CommandLine;
using System.Text.Json;
using Hangar.Cli.Api;
using Hangar.Configuration;
using Hangar.Core.Forges;
using Hangar.Forges.Gitea;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar forges list -c FILE</c>: what each configured forge offers, found by probing its API at the targets its
/// pools use (never by its version string): registration method, demand sources, runner listing, and what is missing.
/// GitHub's features do not vary by version, so it is described without a call.
/// </summary>
internal static class ForgesCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create()
    {
        var configOption = new Option<string>("--config", "-c") { Description = "The configuration file (YAML).", Required = true };
        var output = OutputFormat.CreateOption();
        var secrets = new SecretArguments();
        var list = new Command("list", "Probe every configured forge and show what it supports.");
        list.Options.Add(configOption);
        list.Options.Add(output);
        list.Options.Add(secrets.Inline);
        list.Options.Add(secrets.Files);
        list.SetAction(async (parse, ct) =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(configOption)!);
            if (!loaded.IsValid)
            {
                foreach (var error in loaded.Errors)
                {
                    Console.Error.WriteLine(error.ToString());
                }

                return ExitCodes.Invalid;
            }

            var (overrides, secretError) = secrets.Read(parse, Console.In);
            if (overrides is null)
            {
                Console.Error.WriteLine($"hangar: {secretError}");
                return ExitCodes.Invalid;
            }

            var rows = new List<ForgeFeatures>();
            var failed = false;
            foreach (var forge in loaded.Config.Forges.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                try
                {
                    rows.Add(await DescribeAsync(forge, loaded.Config, overrides, ct));
                }
                catch (Exception ex) when (ex is ForgeException or SecretNotFoundException or ArgumentException)
                {
                    failed = true;
                    Console.Error.WriteLine($"hangar: forge {forge.Name}: {ex.Message}");
                }
            }

            Print(rows, parse.GetValue(output)!);
            return failed ? ExitCodes.Unavailable : ExitCodes.Ok;
        });

        var command = new Command("forges", "Work with the configured forges.");
        command.Subcommands.Add(list);
        return command;
    }

    private static async Task<ForgeFeatures> DescribeAsync(ForgeConfig forge, HangarConfig config, IReadOnlyDictionary<string, string> overrides, CancellationToken ct)
    {
        if (forge.GiteaFamily is null)
        {
            return new ForgeFeatures(forge.Name, forge.Type, "jit-config", ["webhook", "queued-runs-sweep"], "rest-list-get-delete", []);
        }

        var options = forge.ResolveGiteaFamily(overrides);
        var services = new ServiceCollection();
        _ = forge.Type == "forgejo" ? services.AddHangarForgejoForge(options) : services.AddHangarGiteaForge(options);
        await using var provider = services.BuildServiceProvider();
        var targets = config.Engine.Pools.Where(p => p.Forge == forge.Name).Select(p => p.Target).Distinct().ToList();
        return await provider.GetRequiredService<IForgeFeatureProbe>().ProbeAsync(targets, ct);
    }

    private static void Print(List<ForgeFeatures> rows, string format)
    {
        if (format == "json")
        {
            Console.WriteLine(JsonSerializer.Serialize(rows, Json));
            return;
        }

        Console.WriteLine($"{"FORGE",-16} {"TYPE",-8} {"REGISTRATION",-34} {"DEMAND",-24} RUNNERS");
        foreach (var row in rows)
        {
            Console.WriteLine($"{row.Forge,-16} {row.Type,-8} {row.Registration,-34} {string.Join(',', row.DemandSources),-24} {row.RunnerListing}");
            foreach (var note in row.Notes)
            {
                Console.WriteLine($"  note: {note}");
            }
        }
    }
}
