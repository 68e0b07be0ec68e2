namespace Hangar.Cli.Api;

/// <summary>
/// Runs a command's work and turns a <see cref="CliException"/> into what scripts and people expect: one line on
/// standard error, <c>hangar: MESSAGE</c>, and the exception's exit code. Use it as
/// <c>command.SetAction((parse, ct) =&gt; CliAction.RunAsync(() =&gt; WorkAsync(parse, ct)))</c>.
/// </summary>
internal static class CliAction
{
    public static async Task<int> RunAsync(Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync($"hangar: {ex.Message}").ConfigureAwait(false);
            return ex.ExitCode;
        }
    }
}
