using Hangar.Bench.Scale;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

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
                Console.WriteLine("READY " + args[1]);
                await WaitForStdinCloseAsync().ConfigureAwait(false);
                return 0;
            }

            case "scale-host":
            {
                // The real host over a seeded store, loops every second, an instant provider that has every instance.
                var dataDir = args[1];
                var state = ScaleState.Build(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow);
                var provider = new InstantProvider("instant");
                provider.Preload(state.Instances.Select(i => (i.Name, i.Pool)));
                await using var app = BenchHost.Create(dataDir, state.Pools, s => s.AddSingleton<IProvider>(provider), interval: TimeSpan.FromSeconds(1));
                await app.Services.GetRequiredService<IStore>().MigrateAsync(CancellationToken.None).ConfigureAwait(false);
                await state.SeedAsync(Path.Combine(dataDir, "hangar.db"), CancellationToken.None).ConfigureAwait(false);
                await app.StartAsync().ConfigureAwait(false);
                Console.WriteLine("READY " + BenchHost.Url(app));
                await WaitForStdinCloseAsync().ConfigureAwait(false);
                await app.StopAsync().ConfigureAwait(false);
                return 0;
            }

            case "intake-serve":
            {
                // One intake contender (hangar or floor) on a fresh store under DIR, for a profiler attached to this
                // process while wrk drives it: bench child intake-serve hangar|floor DIR.
                var dataDir = Path.Combine(args[2], Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(dataDir);
                await using var server = await Intake.IntakeWork.StartAsync(args[1], dataDir).ConfigureAwait(false);
                Console.WriteLine("READY " + server.Url);
                await WaitForStdinCloseAsync().ConfigureAwait(false);
                return 0;
            }

            case "intake-work":
            {
                var invariant = System.Globalization.CultureInfo.InvariantCulture;
                return await Intake.IntakeWork.RunAsync(int.Parse(args[1], invariant), int.Parse(args[2], invariant), args[3], args[4]).ConfigureAwait(false);
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
