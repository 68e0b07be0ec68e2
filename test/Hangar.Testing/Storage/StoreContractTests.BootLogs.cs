using Hangar.Core.Instances;

namespace Hangar.Testing.Storage;

/// <summary>Boot logs: numbered lines per instance, a bounded tail, read after a line number, gone with their instance.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    private static BootLogLine Boot(string line, int second = 0, BootLogStream stream = BootLogStream.Stdout) =>
        new(0, T0.AddSeconds(second), stream, line);

    [Fact(Timeout = TestTimeout)]
    public async Task AppendBootLogAsync_NumbersLinesOnAcrossAppends_ReadsThemBackOldestFirst()
    {
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", Ct);
        await Store.InsertInstanceAsync(NewInstance("r2"), "wanted", Ct);

        await Store.AppendBootLogAsync("r1", [Boot("one", 1), Boot("two", 2, BootLogStream.Stderr)], keep: 100, Ct);
        await Store.AppendBootLogAsync("r2", [Boot("other")], keep: 100, Ct);
        await Store.AppendBootLogAsync("r1", [Boot("three", 3)], keep: 100, Ct);

        var lines = await Store.ListBootLogAsync("r1", afterSeq: 0, limit: 100, Ct);
        lines.ShouldBe([
            new BootLogLine(1, T0.AddSeconds(1), BootLogStream.Stdout, "one"),
            new BootLogLine(2, T0.AddSeconds(2), BootLogStream.Stderr, "two"),
            new BootLogLine(3, T0.AddSeconds(3), BootLogStream.Stdout, "three"),
        ]);
        (await Store.ListBootLogAsync("r1", afterSeq: 2, limit: 100, Ct)).Select(l => l.Line).ShouldBe(["three"]);
        (await Store.ListBootLogAsync("r1", afterSeq: 0, limit: 2, Ct)).Select(l => l.Line).ShouldBe(["two", "three"]);
        (await Store.ListBootLogAsync("r2", afterSeq: 0, limit: 100, Ct)).Select(l => l.Seq).ShouldBe([1L]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task AppendBootLogAsync_OverKeep_KeepsTheNewestLinesAndTheirNumbers()
    {
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", Ct);

        await Store.AppendBootLogAsync("r1", [.. Enumerable.Range(1, 5).Select(i => Boot($"a{i}"))], keep: 3, Ct);
        await Store.AppendBootLogAsync("r1", [Boot("b1"), Boot("b2")], keep: 3, Ct);

        var lines = await Store.ListBootLogAsync("r1", afterSeq: 0, limit: 100, Ct);
        lines.Select(l => l.Line).ShouldBe(["a5", "b1", "b2"]);
        lines.Select(l => l.Seq).ShouldBe([5L, 6L, 7L], "numbers count the lines dropped, so a reader sees the gap");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task AppendBootLogAsync_LongLine_IsCutAtTheLimit()
    {
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", Ct);

        await Store.AppendBootLogAsync("r1", [Boot(new string('x', BootLogLine.MaxLineLength + 100))], keep: 10, Ct);

        (await Store.ListBootLogAsync("r1", 0, 10, Ct)).Single().Line.Length.ShouldBe(BootLogLine.MaxLineLength);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task AppendBootLogAsync_UnknownInstance_WritesNothing()
    {
        await Store.AppendBootLogAsync("ghost", [Boot("lost")], keep: 10, Ct);

        (await Store.ListBootLogAsync("ghost", 0, 10, Ct)).ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task PruneInstancesAsync_RemovesTheInstancesBootLog()
    {
        await InsertAndMoveAsync(NewInstance("r1"), InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted);
        await Store.AppendBootLogAsync("r1", [Boot("kept until pruned")], keep: 10, Ct);
        (await Store.ListBootLogAsync("r1", 0, 10, Ct)).Count.ShouldBe(1);

        (await Store.PruneInstancesAsync(T0.AddDays(1), 10, Ct)).ShouldBe(1);
        await InsertAndMoveAsync(NewInstance("r1", createdAt: T0.AddDays(2)), InstanceState.Provisioning);

        (await Store.ListBootLogAsync("r1", 0, 10, Ct)).ShouldBeEmpty();
    }
}
