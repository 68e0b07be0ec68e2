using System.CommandLine;

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
}
