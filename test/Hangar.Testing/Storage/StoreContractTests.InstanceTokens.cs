using Hangar.Core.Instances;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>Instance tokens: one hash per instance, replaced on reissue, gone with deletion, never stored for a dying instance.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    private static InstanceTokenRecord Token(string instance, byte fill, DateTimeOffset? issuedAt = null) =>
        new(instance, Enumerable.Repeat(fill, 32).ToArray(), issuedAt ?? T0, (issuedAt ?? T0).AddHours(12));

    [Fact(Timeout = TestTimeout)]
    public async Task SetInstanceTokenAsync_ThenGet_ReadsBackHashAndTimes()
    {
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", Ct);

        await Store.SetInstanceTokenAsync(Token("r1", 7), Ct);

        var stored = (await Store.GetInstanceTokenAsync("r1", Ct)).ShouldNotBeNull();
        stored.Instance.ShouldBe("r1");
        stored.Hash.ShouldBe(Enumerable.Repeat((byte)7, 32).ToArray());
        stored.IssuedAt.ShouldBe(T0);
        stored.ExpiresAt.ShouldBe(T0.AddHours(12));
        (await Store.GetInstanceTokenAsync("r2", Ct)).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task SetInstanceTokenAsync_Again_ReplacesTheFirst()
    {
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", Ct);
        await Store.SetInstanceTokenAsync(Token("r1", 1), Ct);

        await Store.SetInstanceTokenAsync(Token("r1", 2, T0.AddMinutes(3)), Ct);

        var stored = (await Store.GetInstanceTokenAsync("r1", Ct)).ShouldNotBeNull();
        stored.Hash.ShouldBe(Enumerable.Repeat((byte)2, 32).ToArray());
        stored.IssuedAt.ShouldBe(T0.AddMinutes(3));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task SetInstanceTokenAsync_UnknownInstance_Throws()
    {
        await Should.ThrowAsync<KeyNotFoundException>(() => Store.SetInstanceTokenAsync(Token("ghost", 1), Ct));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TransitionAsync_WithAToken_StoresTheMoveAndTheTokenTogether()
    {
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", Ct);
        await Store.SetInstanceTokenAsync(Token("r1", 1), Ct);

        var moved = await Store.TransitionAsync("r1", InstanceState.Provisioning, "provisioning", T0.AddSeconds(1),
            new InstanceChanges { IncrementAttempts = true, Token = Token("r1", 9, T0.AddSeconds(1)) }, Ct);

        moved.State.ShouldBe(InstanceState.Provisioning);
        moved.Attempts.ShouldBe(1);
        var stored = (await Store.GetInstanceTokenAsync("r1", Ct)).ShouldNotBeNull();
        stored.Hash.ShouldBe(Enumerable.Repeat((byte)9, 32).ToArray());
        stored.IssuedAt.ShouldBe(T0.AddSeconds(1));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TransitionAsync_RefusedWithAToken_StoresNeitherTheMoveNorTheToken()
    {
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", Ct);
        await Store.SetInstanceTokenAsync(Token("r1", 1), Ct);

        // Pending cannot move to idle: the lifecycle table refuses it, and the token goes with the refused move.
        await Should.ThrowAsync<IllegalTransitionException>(() => Store.TransitionAsync("r1", InstanceState.Idle, "online", T0.AddSeconds(1),
            new InstanceChanges { Token = Token("r1", 9) }, Ct));

        (await Store.GetInstanceTokenAsync("r1", Ct)).ShouldNotBeNull().Hash.ShouldBe(Enumerable.Repeat((byte)1, 32).ToArray());
    }

    [Theory(Timeout = TestTimeout)]
    [InlineData(InstanceState.Deleting)]
    [InlineData(InstanceState.Deleted)]
    public async Task TransitionAsync_ToDeletingOrDeleted_RevokesTokenAndRefusesNewOnes(InstanceState last)
    {
        InstanceState[] path = last == InstanceState.Deleting
            ? [InstanceState.Failed, InstanceState.Deleting]
            : [InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted];
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", Ct);
        await Store.SetInstanceTokenAsync(Token("r1", 1), Ct);
        await Store.InsertInstanceAsync(NewInstance("r2"), "wanted", Ct);
        await Store.SetInstanceTokenAsync(Token("r2", 2), Ct);

        var at = T0;
        foreach (var state in path)
        {
            at = at.AddSeconds(1);
            await Store.TransitionAsync("r1", state, "test", at, cancellationToken: Ct);
        }

        (await Store.GetInstanceTokenAsync("r1", Ct)).ShouldBeNull();
        await Should.ThrowAsync<KeyNotFoundException>(() => Store.SetInstanceTokenAsync(Token("r1", 3), Ct));
        (await Store.GetInstanceTokenAsync("r2", Ct)).ShouldNotBeNull();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RevokeInstanceTokenAsync_RemovesOnlyThatInstancesToken()
    {
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", Ct);
        await Store.InsertInstanceAsync(NewInstance("r2"), "wanted", Ct);
        await Store.SetInstanceTokenAsync(Token("r1", 1), Ct);
        await Store.SetInstanceTokenAsync(Token("r2", 2), Ct);

        await Store.RevokeInstanceTokenAsync("r1", Ct);
        await Store.RevokeInstanceTokenAsync("r1", Ct);

        (await Store.GetInstanceTokenAsync("r1", Ct)).ShouldBeNull();
        (await Store.GetInstanceTokenAsync("r2", Ct)).ShouldNotBeNull();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task SetInstanceTokenAsync_SurvivesReopen()
    {
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", Ct);
        await Store.SetInstanceTokenAsync(Token("r1", 9), Ct);

        await ReopenStoreAsync();

        (await Store.GetInstanceTokenAsync("r1", Ct)).ShouldNotBeNull().Hash[0].ShouldBe((byte)9);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task AppendInstanceNoteAsync_KeepsStateAndAddsHistoryLine()
    {
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", Ct);
        await Store.TransitionAsync("r1", InstanceState.Provisioning, "provisioning", T0.AddSeconds(1), cancellationToken: Ct);

        await Store.AppendInstanceNoteAsync("r1", "installing: downloading the runner", T0.AddSeconds(2), Ct);

        var instance = await GetInstanceAsync("r1");
        instance.State.ShouldBe(InstanceState.Provisioning);
        instance.LastReason.ShouldBe("provisioning");
        var newest = (await Store.GetHistoryAsync("r1", 1, Ct)).Single();
        newest.ShouldBe(new InstanceTransition("r1", InstanceState.Provisioning, InstanceState.Provisioning, T0.AddSeconds(2), "installing: downloading the runner"));
        await Should.ThrowAsync<KeyNotFoundException>(() => Store.AppendInstanceNoteAsync("ghost", "x", T0, Ct));
    }
}
