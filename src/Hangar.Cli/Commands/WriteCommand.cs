using System.CommandLine;
using System.Text.Json;
using Hangar.Cli.Api;

namespace Hangar.Cli.Commands;

/// <summary>
/// The shape of every admin write (<c>runners delete</c>, <c>pools enable|disable|scale|reset</c>, <c>jobs recheck</c>):
/// one API call as the given token; the answer printed as a sentence, or as the API's JSON with <c>-o json</c>; a refusal
/// is one line on standard error and exit code 3.
/// </summary>
internal static class WriteCommand
{
    public static Command Create(
        string name,
        string description,
        IEnumerable<Symbol> arguments,
        Func<ParseResult, HttpClient, CancellationToken, Task<HttpResponseMessage>> send,
        Func<JsonElement, string> describe)
    {
        var server = new ServerOptions();
        var output = OutputFormat.CreateOption();
        var command = new Command(name, description);
        server.AddTo(command);
        command.Options.Add(output);
        foreach (var symbol in arguments)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        command.SetAction(async (parse, ct) =>
        {
            using var http = server.CreateClient(parse);
            if (await ApiCall.SendAsync(parse.GetValue(server.Server)!, () => send(parse, http, ct), ct) is not { } answer)
            {
                return ExitCodes.Unavailable;
            }

            using var doc = JsonDocument.Parse(answer);
            Console.WriteLine(parse.GetValue(output) == "json" ? answer : describe(doc.RootElement));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A property's text, or <paramref name="missing"/> when the answer leaves it out (nulls are left out).</summary>
    public static string Text(JsonElement element, string property, string missing = "-") =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : missing;
}
