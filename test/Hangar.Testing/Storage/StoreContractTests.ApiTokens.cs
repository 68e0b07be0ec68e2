using Hangar.Core.Access;

namespace Hangar.Testing.Storage;

/// <summary>API tokens made through the API (migration 0012): stored hashed, listed, revoked, touched.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    private static ApiToken Token(string id, DateTimeOffset? createdAt = null, ApiScope scope = ApiScope.Read) => new()
    {
        Id = id,
        Name = $"token {id}",
        Scope = scope,
        SecretHash = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + id.Length))],
        CreatedAt = createdAt ?? T0,
    };

    [Fact(Timeout = TestTimeout)]
    public async Task InsertApiTokenAsync_ThenGet_RoundTripsEveryField()
    {
        var token = Token("t1", scope: ApiScope.Planner) with { ExpiresAt = T0.AddDays(30), Name = "grafana — ünïcode" };

        await Store.InsertApiTokenAsync(token, Ct);

        var stored = (await Store.GetApiTokenAsync("t1", Ct)).ShouldNotBeNull();
        stored.ShouldBeEquivalentTo(token);
        (await Store.GetApiTokenAsync("t2", Ct)).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task InsertApiTokenAsync_SameIdTwice_ThrowsAndKeepsTheFirst()
    {
        await Store.InsertApiTokenAsync(Token("t1"), Ct);

        await Should.ThrowAsync<DuplicateApiTokenException>(() => Store.InsertApiTokenAsync(Token("t1") with { Name = "other" }, Ct));

        (await Store.GetApiTokenAsync("t1", Ct)).ShouldNotBeNull().Name.ShouldBe("token t1");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RevokeApiTokenAsync_Twice_FirstTimeStaysAndUnknownIsFalse()
    {
        await Store.InsertApiTokenAsync(Token("t1"), Ct);

        (await Store.RevokeApiTokenAsync("t1", T0.AddHours(1), Ct)).ShouldBeTrue();
        (await Store.RevokeApiTokenAsync("t1", T0.AddHours(2), Ct)).ShouldBeTrue();
        (await Store.RevokeApiTokenAsync("nope", T0.AddHours(2), Ct)).ShouldBeFalse();

        var revoked = (await Store.GetApiTokenAsync("t1", Ct)).ShouldNotBeNull();
        revoked.RevokedAt.ShouldBe(T0.AddHours(1));
        revoked.IsUsableAt(T0.AddHours(1)).ShouldBeFalse();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TouchApiTokenAsync_OutOfOrder_KeepsTheLatest()
    {
        await Store.InsertApiTokenAsync(Token("t1"), Ct);

        await Store.TouchApiTokenAsync("t1", T0.AddMinutes(5), Ct);
        await Store.TouchApiTokenAsync("t1", T0.AddMinutes(3), Ct);
        await Store.TouchApiTokenAsync("unknown", T0.AddMinutes(9), Ct);

        (await Store.GetApiTokenAsync("t1", Ct)).ShouldNotBeNull().LastUsedAt.ShouldBe(T0.AddMinutes(5));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListApiTokensAsync_PagedOldestFirst_RevokedOnlyWhenAsked()
    {
        foreach (var (id, minute) in new[] { ("c", 0), ("a", 0), ("b", 1), ("d", 2) })
        {
            await Store.InsertApiTokenAsync(Token(id, T0.AddMinutes(minute)), Ct);
        }

        await Store.RevokeApiTokenAsync("b", T0.AddMinutes(3), Ct);

        (await Store.ListApiTokensAsync(new ApiTokenQuery(), Ct)).Select(t => t.Id).ShouldBe(["a", "c", "d"]);
        var all = await Store.ListApiTokensAsync(new ApiTokenQuery { IncludeRevoked = true }, Ct);
        all.Select(t => t.Id).ShouldBe(["a", "c", "b", "d"]);

        var first = await Store.ListApiTokensAsync(new ApiTokenQuery { IncludeRevoked = true, Limit = 2 }, Ct);
        var second = await Store.ListApiTokensAsync(new ApiTokenQuery { IncludeRevoked = true, Limit = 2, After = ApiTokenCursor.Of(first[^1]) }, Ct);
        first.Select(t => t.Id).ShouldBe(["a", "c"]);
        second.Select(t => t.Id).ShouldBe(["b", "d"]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ApiTokens_Reopened_Survive()
    {
        await Store.InsertApiTokenAsync(Token("t1") with { ExpiresAt = T0.AddDays(1) }, Ct);
        await Store.TouchApiTokenAsync("t1", T0.AddMinutes(1), Ct);
        var before = await Store.GetApiTokenAsync("t1", Ct);

        await ReopenStoreAsync();

        (await Store.GetApiTokenAsync("t1", Ct)).ShouldBeEquivalentTo(before);
    }
}
