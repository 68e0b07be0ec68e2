using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>A scale-set listener's cursor (migration 0014): kept across a reopen, never moved back within a scale set.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    private static ScaleSetCursor Cursor(long lastMessageId, long scaleSetId = 7, int assigned = 3, string pool = "linux") => new()
    {
        Forge = "github",
        Pool = pool,
        ScaleSetId = scaleSetId,
        LastMessageId = lastMessageId,
        AssignedJobs = assigned,
        UpdatedAt = T0.AddSeconds(lastMessageId),
    };

    [Fact(Timeout = TestTimeout)]
    public async Task GetScaleSetCursorAsync_NeverSaved_Null()
    {
        (await Store.GetScaleSetCursorAsync("github", "linux", Ct)).ShouldBeNull();
        (await Store.ListScaleSetCursorsAsync(Ct)).ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task SaveScaleSetCursorAsync_ThenReopen_ReadBackExactly()
    {
        await Store.SaveScaleSetCursorAsync(Cursor(41), Ct);
        await Store.SaveScaleSetCursorAsync(Cursor(42, assigned: 5), Ct);

        await ReopenStoreAsync();

        (await Store.GetScaleSetCursorAsync("github", "linux", Ct)).ShouldBe(Cursor(42, assigned: 5));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task SaveScaleSetCursorAsync_OlderMessageOfTheSameScaleSet_Ignored()
    {
        await Store.SaveScaleSetCursorAsync(Cursor(42), Ct);

        await Store.SaveScaleSetCursorAsync(Cursor(40, assigned: 9), Ct);

        (await Store.GetScaleSetCursorAsync("github", "linux", Ct)).ShouldBe(Cursor(42));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task SaveScaleSetCursorAsync_ScaleSetRegisteredAgain_NewIdReplacesTheCursor()
    {
        await Store.SaveScaleSetCursorAsync(Cursor(42), Ct);

        await Store.SaveScaleSetCursorAsync(Cursor(0, scaleSetId: 8, assigned: 1), Ct);

        (await Store.GetScaleSetCursorAsync("github", "linux", Ct)).ShouldBe(Cursor(0, scaleSetId: 8, assigned: 1));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListScaleSetCursorsAsync_SeveralPools_OnePerPool()
    {
        await Store.SaveScaleSetCursorAsync(Cursor(1, pool: "windows"), Ct);
        await Store.SaveScaleSetCursorAsync(Cursor(2, pool: "linux"), Ct);

        var cursors = await Store.ListScaleSetCursorsAsync(Ct);

        cursors.Select(c => c.Pool).ShouldBe(["linux", "windows"]);
    }
}
