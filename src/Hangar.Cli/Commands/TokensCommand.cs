using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Hangar.Cli.Api;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar tokens create|list|revoke</c>: API tokens through the REST API (an admin token is needed). The secret of a
/// new token is printed once, on standard output alone, so <c>$(hangar tokens create ...)</c> captures just the token.
/// </summary>
internal static class TokensCommand
{
    public static Command Create()
    {
        var tokens = ListCommands.Create("tokens", "API tokens: make, list and revoke them (needs an admin token).");
        tokens.Subcommands.Add(CreateToken());
        tokens.Subcommands.Add(Revoke());
        return tokens;
    }

    private static Command CreateToken()
    {
        var server = new ServerOptions();
        var output = OutputFormat.CreateOption();
        var name = new Option<string>("--name") { Description = "What the token is for (shown in lists and logs).", Required = true };
        var scope = new Option<string>("--scope") { Description = "admin, read or planner (flavors and pressure only).", Required = true };
        scope.AcceptOnlyFromAmong("admin", "read", "planner");
        var expiresIn = new Option<string?>("--expires-in") { Description = "Refuse the token after this long, e.g. 12h or 90d (default: never)." };
        var command = new Command("create", "Make an API token; its secret is printed once.");
        server.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(name);
        command.Options.Add(scope);
        command.Options.Add(expiresIn);
        command.SetAction(async (parse, ct) =>
        {
            using var http = server.CreateClient(parse);
            var body = new Dictionary<string, string?>
            {
                ["name"] = parse.GetValue(name),
                ["scope"] = parse.GetValue(scope),
                ["expires_in"] = parse.GetValue(expiresIn),
            };
            var answer = await ApiCall.SendAsync(parse.GetValue(server.Server)!, () => http.PostAsJsonAsync("api/v1/tokens", body, ct), ct);
            if (answer is not { } made)
            {
                return ExitCodes.Unavailable;
            }

            using var doc = JsonDocument.Parse(made);
            var token = doc.RootElement.GetProperty("token").GetString();
            if (parse.GetValue(output) == "json")
            {
                Console.WriteLine(made);
            }
            else
            {
                Console.WriteLine(token);
                var expires = doc.RootElement.TryGetProperty("expires_at", out var at) ? $", expires {at}" : "";
                Console.Error.WriteLine($"hangar: token {doc.RootElement.GetProperty("id")} ({parse.GetValue(scope)}{expires}) made; its secret is shown only now");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke()
    {
        var server = new ServerOptions();
        var id = new Argument<string>("id") { Description = "The token's id (see hangar tokens list)." };
        var command = new Command("revoke", "Revoke an API token; it is refused from the next request on.");
        server.AddTo(command);
        command.Arguments.Add(id);
        command.SetAction(async (parse, ct) =>
        {
            using var http = server.CreateClient(parse);
            var answer = await ApiCall.SendAsync(parse.GetValue(server.Server)!, () => http.DeleteAsync($"api/v1/tokens/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct), ct);
            if (answer is null)
            {
                return ExitCodes.Unavailable;
            }

            Console.Error.WriteLine($"hangar: token {parse.GetValue(id)} revoked");
            return ExitCodes.Ok;
        });
        return command;
    }
}
