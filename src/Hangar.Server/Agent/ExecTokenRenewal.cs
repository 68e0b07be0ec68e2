using Hangar.Core.Storage;

namespace Hangar.Server.Agent;

/// <summary>
/// Keeps a running exec's machine owned (<see cref="ExecOwnership"/>): pushes its token's expiry out every
/// <see cref="ExecOwnership.RenewEvery"/> until disposed. The token itself stays the one the agent holds.
/// </summary>
internal sealed class ExecTokenRenewal : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;

    public ExecTokenRenewal(IStore store, TimeProvider time, string instance) => renewing = RenewAsync(store, time, instance, stop.Token);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await renewing.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private static async Task RenewAsync(IStore store, TimeProvider time, string instance, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(ExecOwnership.RenewEvery, time);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            if (await store.GetInstanceTokenAsync(instance, ct).ConfigureAwait(false) is not { } token)
            {
                return;
            }

            try
            {
                await store.SetInstanceTokenAsync(token with { ExpiresAt = time.GetUtcNow() + ExecOwnership.TokenLifetime }, ct).ConfigureAwait(false);
            }
            catch (KeyNotFoundException)
            {
                // Being destroyed: nothing left to keep.
                return;
            }
        }
    }
}
