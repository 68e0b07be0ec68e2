using Hangar.Core.Instances;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>An intent keeps the trace context it was stored with (issue 11), so its later steps join the job's trace in
/// whichever process takes them.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    [Fact(Timeout = TestTimeout)]
    public async Task StorePlanAsync_IntentWithTraceParent_KeptThroughMovesAndLists()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.StorePlanAsync([], [NewInstance("r1") with { TraceParent = TraceParent }, NewInstance("r2")], "planned", T0, ct);

        var moved = await Store.TransitionAsync("r1", InstanceState.Provisioning, "provisioning", T0.AddSeconds(1), new InstanceChanges { IncrementAttempts = true }, ct);
        var listed = await Store.ListInstancesAsync(InstanceQuery.All, ct);

        foreach (var instance in new[] { moved, await GetInstanceAsync("r1"), listed.Single(i => i.Name == "r1") })
        {
            instance.TraceParent.ShouldBe(TraceParent);
        }

        listed.Single(i => i.Name == "r2").TraceParent.ShouldBeNull();
    }
}
