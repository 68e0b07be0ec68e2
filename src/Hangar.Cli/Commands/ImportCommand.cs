using System.CommandLine;
using Hangar.Configuration.Import;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar config import outrunner FILE [--output PATH]</c>: an outrunner configuration as a Hangar one (a forge in
/// scale-set mode, one pool per runner), written to standard output or to PATH; what could not be mapped is kept as
/// comments. Errors are one line with FILE:LINE:COL and a non-zero exit code.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The outrunner configuration (YAML)." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the Hangar configuration here instead of to standard output." };
        var outrunner = new Command("outrunner", "Convert an outrunner (gha-outrunner) configuration into a Hangar configuration.");
        outrunner.Arguments.Add(file);
        outrunner.Options.Add(output);
        outrunner.SetAction(parse =>
        {
            string yaml;
            try
            {
                yaml = OutrunnerImport.Convert(parse.GetValue(file)!);
            }
            catch (OutrunnerImportException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return ExitCodes.Invalid;
            }

            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, yaml);
                Console.Error.WriteLine($"{path}: written; check it with `hangar config validate {path}`");
            }
            else
            {
                Console.Out.Write(yaml);
            }

            return ExitCodes.Ok;
        });

        var import = new Command("import", "Convert another tool's configuration into a Hangar configuration.");
        import.Subcommands.Add(outrunner);
        return import;
    }
}
