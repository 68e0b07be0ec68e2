using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Store.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Engine.Tests.Tokens;

/// <summary>The instance token service over a real SQLite store: scope, expiry, replacement, revocation, malformed input.</summary>
public sealed class InstanceTokensTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("hangar-tokens-").FullName;
    private readonly FakeTimeProvider _time = new(T0);
    private readonly SqliteStore _store;
    private readonly InstanceTokens _tokens;

    public InstanceTokensTests()
    {
        _store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(_directory, "hangar.db") });
        _tokens = new InstanceTokens(_store, new EngineOptions { ControllerId = "ctrl-1" }, _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task InsertAsync(string name, CancellationToken ct, string pool = "linux")
    {
        await _store.MigrateAsync(ct);
        await _store.InsertInstanceAsync(new Instance
        {
            Name = name,
            Pool = pool,
            Provider = "ext",
            State = InstanceState.Pending,
            CreatedAt = T0,
            StateChangedAt = T0,
        }, "wanted", ct);
    }

    [Fact(Timeout = 30_000)]
    public async Task ValidateAsync_IssuedToken_ReturnsItsInstance()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAsync("r1", ct, pool: "big");

        var token = await _tokens.IssueAsync("r1", TimeSpan.FromHours(1), ct);
        var identity = await _tokens.ValidateAsync(token, ct);

        identity.ShouldBe(new InstanceIdentity("r1", "big", "ext", "ctrl-1", InstanceState.Pending, T0.AddHours(1)));
    }

    [Fact(Timeout = 30_000)]
    public async Task IssueAsync_TwoInstances_EachTokenNamesOnlyItsOwn()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAsync("r1", ct);
        await InsertAsync("r2", ct);
        var first = await _tokens.IssueAsync("r1", TimeSpan.FromHours(1), ct);
        var second = await _tokens.IssueAsync("r2", TimeSpan.FromHours(1), ct);

        (await _tokens.ValidateAsync(first, ct)).ShouldNotBeNull().Name.ShouldBe("r1");
        (await _tokens.ValidateAsync(second, ct)).ShouldNotBeNull().Name.ShouldBe("r2");

        // r2's secret under r1's name: the selector picks r1's row, and the secret does not match it.
        var forged = "hgi_r1." + second[(second.LastIndexOf('.') + 1)..];
        (await _tokens.ValidateAsync(forged, ct)).ShouldBeNull();
    }

    [Fact(Timeout = 30_000)]
    public async Task ValidateAsync_AtExpiry_Refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAsync("r1", ct);
        var token = await _tokens.IssueAsync("r1", TimeSpan.FromMinutes(10), ct);

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        (await _tokens.ValidateAsync(token, ct)).ShouldNotBeNull();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await _tokens.ValidateAsync(token, ct)).ShouldBeNull();
    }

    [Fact(Timeout = 30_000)]
    public async Task IssueAsync_Again_OldTokenRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAsync("r1", ct);
        var old = await _tokens.IssueAsync("r1", TimeSpan.FromHours(1), ct);

        var current = await _tokens.IssueAsync("r1", TimeSpan.FromHours(1), ct);

        (await _tokens.ValidateAsync(old, ct)).ShouldBeNull();
        (await _tokens.ValidateAsync(current, ct)).ShouldNotBeNull();
    }

    [Fact(Timeout = 30_000)]
    public async Task ValidateAsync_AfterRevokeOrDeletion_Refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAsync("r1", ct);
        await InsertAsync("r2", ct);
        var revoked = await _tokens.IssueAsync("r1", TimeSpan.FromHours(1), ct);
        var deleted = await _tokens.IssueAsync("r2", TimeSpan.FromHours(1), ct);

        await _tokens.RevokeAsync("r1", ct);
        await _store.TransitionAsync("r2", InstanceState.Failed, "test", T0, cancellationToken: ct);
        (await _tokens.ValidateAsync(deleted, ct)).ShouldNotBeNull().State.ShouldBe(InstanceState.Failed);
        await _store.TransitionAsync("r2", InstanceState.Deleting, "test", T0, cancellationToken: ct);

        (await _tokens.ValidateAsync(revoked, ct)).ShouldBeNull();
        (await _tokens.ValidateAsync(deleted, ct)).ShouldBeNull();
        await Should.ThrowAsync<KeyNotFoundException>(() => _tokens.IssueAsync("r2", TimeSpan.FromHours(1), ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task RenewAsync_ExpiredToken_SameTokenWorksAgainForTheNewLifetime()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAsync("r1", ct);
        var token = await _tokens.IssueAsync("r1", TimeSpan.FromMinutes(10), ct);
        _time.Advance(TimeSpan.FromHours(3));
        (await _tokens.ValidateAsync(token, ct)).ShouldBeNull();

        (await _tokens.RenewAsync("r1", TimeSpan.FromMinutes(30), ct)).ShouldBeTrue();

        (await _tokens.ValidateAsync(token, ct)).ShouldNotBeNull().ExpiresAt.ShouldBe(T0.AddHours(3).AddMinutes(30));
        _time.Advance(TimeSpan.FromMinutes(30));
        (await _tokens.ValidateAsync(token, ct)).ShouldBeNull();
    }

    [Fact(Timeout = 30_000)]
    public async Task RenewAsync_NoTokenOrRevokedOrDeleting_FalseAndNothingIssued()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAsync("r1", ct);
        await InsertAsync("r2", ct);
        var revoked = await _tokens.IssueAsync("r2", TimeSpan.FromHours(1), ct);
        await _tokens.RevokeAsync("r2", ct);

        (await _tokens.RenewAsync("r1", TimeSpan.FromHours(1), ct)).ShouldBeFalse();
        (await _tokens.RenewAsync("r2", TimeSpan.FromHours(1), ct)).ShouldBeFalse();
        (await _tokens.RenewAsync("nobody", TimeSpan.FromHours(1), ct)).ShouldBeFalse();

        (await _store.GetInstanceTokenAsync("r1", ct)).ShouldBeNull();
        (await _tokens.ValidateAsync(revoked, ct)).ShouldBeNull();
    }

    [Theory(Timeout = 30_000)]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hgi_")]
    [InlineData("hgi_r1")]
    [InlineData("hgi_r1.")]
    [InlineData("hgi_.AAAA")]
    [InlineData("hgi_r1.not*base64")]
    [InlineData("hgi_r1.AAAA")]
    [InlineData("Bearer hgi_r1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task ValidateAsync_Malformed_Refused(string? token)
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAsync("r1", ct);
        await _tokens.IssueAsync("r1", TimeSpan.FromHours(1), ct);

        (await _tokens.ValidateAsync(token, ct)).ShouldBeNull();
    }

    [Fact(Timeout = 30_000)]
    public async Task IssueAsync_StoresOnlyAHash()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAsync("r1", ct);
        var token = await _tokens.IssueAsync("r1", TimeSpan.FromHours(1), ct);

        var stored = (await _store.GetInstanceTokenAsync("r1", ct)).ShouldNotBeNull();
        var secret = System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(token.LastIndexOf('.') + 1));
        stored.Hash.ShouldBe(System.Security.Cryptography.SHA256.HashData(secret));
        stored.Hash.ShouldNotBe(secret);
    }

    [Fact]
    public void LifetimeFor_Pool_CoversBootTtlAndHardCap()
    {
        var pool = new PoolSpec
        {
            Name = "p", Forge = "f", Target = new ForgeTarget(TargetScope.Repository, "a/b"), Labels = [], Provider = "ext",
            BootTimeout = TimeSpan.FromMinutes(10), Ttl = TimeSpan.FromHours(1), MaxJobDuration = TimeSpan.FromHours(2),
        };

        InstanceTokens.LifetimeFor(pool).ShouldBe(TimeSpan.FromMinutes(10 + 60 + 120 + 5));
    }
}
