namespace Hangar.Providers.Process.Tests;

public sealed class NameLocksTests
{
    [Fact]
    public async Task AcquireAsync_SameKey_WaitsForTheHolderThenForgetsTheKey()
    {
        var key = $"/test/{Guid.NewGuid():N}";
        var first = await NameLocks.AcquireAsync(key, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var second = NameLocks.AcquireAsync(key, TestContext.Current.CancellationToken);
        var other = await NameLocks.AcquireAsync(key + "-other", TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        second.IsCompleted.ShouldBeFalse();
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Dispose();
        other.Dispose();

        NameLocks.IsTracked(key).ShouldBeFalse();
        NameLocks.IsTracked(key + "-other").ShouldBeFalse();
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_LeavesNoEntryBehind()
    {
        var key = $"/test/{Guid.NewGuid():N}";
        var holder = await NameLocks.AcquireAsync(key, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        using var cancel = new CancellationTokenSource();
        var waiter = NameLocks.AcquireAsync(key, cancel.Token);

        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(waiter.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        NameLocks.IsTracked(key).ShouldBeTrue();
        holder.Dispose();

        NameLocks.IsTracked(key).ShouldBeFalse();
    }
}
