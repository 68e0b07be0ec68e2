using System.Threading.Channels;
using Hangar.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Store.Tests.Views;

/// <summary>Hears a change feed's announcements in order, so a test can wait for the one it expects.</summary>
internal sealed class ChangeProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Look = TimeSpan.FromMilliseconds(100);

    private readonly Channel<StoreChange> _heard = Channel.CreateUnbounded<StoreChange>();

    public ChangeProbe(IStoreChanges feed) => feed.Subscribe(c => _heard.Writer.TryWrite(c));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Waits for the next change that matches, skipping the others.</summary>
    public async Task WaitAsync(Func<StoreChange, bool> match)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(Timeout);
        while (!match(await _heard.Reader.ReadAsync(deadline.Token)))
        {
        }
    }

    /// <summary>
    /// Moves <paramref name="clock"/> a step at a time until a matching change is heard. One step is not enough: the
    /// feed announces <c>Lost</c> before it starts waiting on the clock for its retry, so a single advance can land
    /// before that wait exists and move nothing (it did, in 2 of 10 runs at load 16–22).
    /// </summary>
    public async Task AdvanceUntilAsync(FakeTimeProvider clock, TimeSpan step, Func<StoreChange, bool> match)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(Timeout);
        while (true)
        {
            clock.Advance(step);
            using var look = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            look.CancelAfter(Look);
            try
            {
                while (!match(await _heard.Reader.ReadAsync(look.Token)))
                {
                }

                return;
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
                // Nothing yet: the retry's wait may not have existed when the clock moved.
            }
        }
    }
}
