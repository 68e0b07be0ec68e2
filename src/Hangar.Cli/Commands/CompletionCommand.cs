using System.CommandLine;
using Hangar.Cli.Completion;

namespace Hangar.Cli.Commands;

/// <summary><c>hangar completion bash|zsh|fish|pwsh</c>: print the shell's completion script (see docs/cli.md).</summary>
internal static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh, fish or pwsh." };
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        var command = new Command("completion", "Print a shell completion script: source <(hangar completion bash).");
        command.Arguments.Add(shell);
        command.SetAction(parse =>
        {
            Console.Out.Write(CompletionScripts.For(parse.GetValue(shell)!));
            return ExitCodes.Ok;
        });
        return command;
    }
}
