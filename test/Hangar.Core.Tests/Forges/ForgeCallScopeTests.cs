using Hangar.Core.Forges;

namespace Hangar.Core.Tests.Forges;

public sealed class ForgeCallScopeTests
{
    [Fact]
    public void Current_NoScope_IsNull() => ForgeCallScope.Current.ShouldBeNull();

    [Fact]
    public void Begin_Nested_InnerWinsAndDisposingRestoresTheOuter()
    {
        using (ForgeCallScope.Begin("stale-jobs", ForgePriority.Observe))
        {
            using (ForgeCallScope.Begin("queued-sweep", ForgePriority.Sweep))
            {
                ForgeCallScope.Current.ShouldBe(new ForgeCaller("queued-sweep", ForgePriority.Sweep));
            }

            ForgeCallScope.Current.ShouldBe(new ForgeCaller("stale-jobs", ForgePriority.Observe));
        }

        ForgeCallScope.Current.ShouldBeNull();
    }

    [Fact]
    public async Task Begin_AwaitedWork_SeesTheCallerAndConcurrentFlowsDoNotMix()
    {
        async Task<ForgeCaller?> CallerSeenBy(string loop)
        {
            using var scope = ForgeCallScope.Begin(loop, ForgePriority.Observe);
            await Task.Yield();
            return ForgeCallScope.Current;
        }

        var seen = await Task.WhenAll(CallerSeenBy("a"), CallerSeenBy("b")).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        seen.Select(c => c!.Loop).ShouldBe(["a", "b"]);
        ForgeCallScope.Current.ShouldBeNull();
    }
}
