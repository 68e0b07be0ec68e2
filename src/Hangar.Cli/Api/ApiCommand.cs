using System.CommandLine;

namespace Hangar.Cli.Api;

/// <summary>
/// A command that talks to a running server: <c>--server</c>, <c>--token</c> and <c>-o table|json|yaml</c>, and an
/// action that gets an <see cref="ApiClient"/> and the chosen format. Failures print one line (<see cref="CliAction"/>).
/// </summary>
internal sealed class ApiCommand
{
    private readonly ServerOptions _server = new();

    public ApiCommand(string name, string description)
    {
        Command = new Command(name, description);
        _server.AddTo(Command);
        Command.Options.Add(Output);
    }

    public Command Command { get; }

    public Option<string> Output { get; } = OutputFormat.CreateOption();

    public void SetAction(Func<ApiClient, string, ParseResult, CancellationToken, Task<int>> work) =>
        Command.SetAction((parse, ct) => CliAction.RunAsync(async () =>
        {
            using var http = _server.CreateClient(parse);
            return await work(new ApiClient(http), parse.GetValue(Output)!, parse, ct).ConfigureAwait(false);
        }));
}
