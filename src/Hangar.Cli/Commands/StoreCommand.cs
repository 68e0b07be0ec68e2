using System.CommandLine;
using System.Data.Common;
using System.Text.Json;
using Hangar.Cli.Api;
using Hangar.Configuration;
using Hangar.Server.Composition;
using Hangar.Store.Copy;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar store copy --from CONFIG_A --to CONFIG_B [--force]</c>: the whole state of the installation CONFIG_A
/// describes into the store CONFIG_B describes (SQLite to PostgreSQL when moving up, and back), while no server runs on
/// either. One line per table with its rows, after the copy committed.
/// </summary>
internal static class StoreCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The configuration whose store is copied (YAML).", Required = true };
        var to = new Option<string>("--to") { Description = "The configuration whose store receives the copy (YAML).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace whatever the target store holds (refused otherwise)." };
        var output = OutputFormat.CreateOption();
        var secrets = new SecretArguments();

        var copy = new Command("copy", "Copy an installation's whole state to another store (SQLite to PostgreSQL and back). No server may run on either.");
        copy.Options.Add(from);
        copy.Options.Add(to);
        copy.Options.Add(force);
        copy.Options.Add(output);
        copy.Options.Add(secrets.Inline);
        copy.Options.Add(secrets.Files);
        copy.SetAction(async (parse, ct) =>
        {
            var (overrides, secretError) = secrets.Read(parse, Console.In);
            if (overrides is null)
            {
                Console.Error.WriteLine($"hangar: {secretError}");
                return ExitCodes.Invalid;
            }

            if (Locate(parse.GetValue(from)!, overrides) is not { } source || Locate(parse.GetValue(to)!, overrides) is not { } target)
            {
                return ExitCodes.Invalid;
            }

            StoreCopyResult result;
            try
            {
                result = await new StoreCopier().CopyAsync(source, target, parse.GetValue(force), ct);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"hangar: store copy refused: {e.Message}");
                return ExitCodes.Invalid;
            }
            catch (Exception e) when (e is DbException or IOException or TimeoutException)
            {
                Console.Error.WriteLine($"hangar: store copy failed, nothing was committed: {e.Message}");
                return ExitCodes.Unavailable;
            }

            Write(result, parse.GetValue(output) == "json");
            return ExitCodes.Ok;
        });

        var command = new Command("store", "Work with an installation's store.");
        command.Subcommands.Add(copy);
        return command;
    }

    private static StoreLocation? Locate(string path, IReadOnlyDictionary<string, string> secrets)
    {
        var loaded = ConfigLoader.Load(path);
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors)
            {
                Console.Error.WriteLine(error.ToString());
            }

            return null;
        }

        try
        {
            return StoreLocator.Locate(loaded.Config.Store, Path.GetFullPath(loaded.Config.Server.DataDir), secrets);
        }
        catch (Exception e) when (e is SecretNotFoundException or InvalidOperationException)
        {
            Console.Error.WriteLine($"hangar: {path}: {e.Message}");
            return null;
        }
    }

    private static void Write(StoreCopyResult result, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                from = result.From,
                to = result.To,
                replaced = result.Replaced,
                tables = result.Tables.Select(t => new { table = t.Table, rows = t.Rows }),
            }));
            return;
        }

        var width = result.Tables.Max(t => t.Table.Length);
        foreach (var table in result.Tables)
        {
            Console.WriteLine($"{table.Table.PadRight(width)}  {table.Rows,10} rows");
        }

        var replaced = result.Replaced > 0 ? $" (replacing {result.Replaced} rows it held)" : "";
        Console.WriteLine($"copied {result.Tables.Sum(t => t.Rows)} rows from {result.From} to {result.To}{replaced}");
    }
}
