using System.CommandLine;
using System.Net.Http.Headers;

namespace Hangar.Cli.Api;

/// <summary>Where the CLI finds the server: flags, else <c>HANGAR_SERVER</c> / <c>HANGAR_TOKEN</c>.</summary>
internal sealed class ServerOptions
{
    public Option<string> Server { get; } = new("--server")
    {
        Description = "Server URL (default $HANGAR_SERVER or http://127.0.0.1:8080).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HANGAR_SERVER") ?? "http://127.0.0.1:8080",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "API bearer token (default $HANGAR_TOKEN).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HANGAR_TOKEN"),
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Token);
    }

    /// <summary>A client for the chosen server, with the token when one is given.</summary>
    /// <param name="timeout">The whole request's limit; <see cref="Timeout.InfiniteTimeSpan"/> for a stream.</param>
    public HttpClient CreateClient(ParseResult parse, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(Server)!.TrimEnd('/') + "/"), Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (parse.GetValue(Token) is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }
}
