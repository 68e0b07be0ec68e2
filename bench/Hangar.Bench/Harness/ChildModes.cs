namespace Hangar.Bench.Harness;

/// <summary>Servers the bench runs as child processes, so their memory and start time are their own.</summary>
internal static class ChildModes
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "bare":
            {
                await using var app = await BareServer.StartAsync(args[1], CancellationToken.None).ConfigureAwait(false);
                await WaitForStdinCloseAsync().ConfigureAwait(false);
                return 0;
            }

            default:
                await Console.Error.WriteLineAsync("unknown child mode").ConfigureAwait(false);
                return 2;
        }
    }

    /// <summary>The parent closes our stdin (or kills us) to stop us.</summary>
    public static async Task WaitForStdinCloseAsync()
    {
        var stdin = Console.OpenStandardInput();
        var buffer = new byte[64];
        while (await stdin.ReadAsync(buffer).ConfigureAwait(false) > 0)
        {
        }
    }
}
