using System.CommandLine;
using Hangar.Configuration;

namespace Hangar.Cli.Commands;

/// <summary><c>hangar config validate FILE</c>: every error as <c>FILE:LINE:COL: message</c>, exit 1 when any;
/// <c>hangar config import outrunner FILE</c> (<see cref="ImportCommand"/>).</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The configuration file (YAML)." };
        var validate = new Command("validate", "Check a configuration file and report every error with its position.");
        validate.Arguments.Add(file);
        validate.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var result = ConfigLoader.Load(path);
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine(error.ToString());
            }

            if (!result.IsValid)
            {
                Console.Error.WriteLine($"{path}: {result.Errors.Count} error(s)");
                return ExitCodes.Invalid;
            }

            var config = result.Config!;
            Console.WriteLine($"{path}: ok ({config.Forges.Count} forge(s), {config.Providers.Count} provider(s), {config.Engine.Pools.Count} pool(s))");
            return ExitCodes.Ok;
        });

        var config = new Command("config", "Work with configuration files.");
        config.Subcommands.Add(validate);
        config.Subcommands.Add(ImportCommand.Create());
        return config;
    }
}
