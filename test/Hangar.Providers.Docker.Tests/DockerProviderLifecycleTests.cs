using Docker.DotNet.Models;
using Hangar.Core.Providers;

namespace Hangar.Providers.Docker.Tests;

public sealed class DockerProviderLifecycleTests(DockerEngineFixture engine) : DockerTestBase(engine)
{
    [Fact]
    public async Task DeleteAsync_Twice_RemovesOnceThenIsNoOp()
    {
        var provider = NewProvider();
        var spec = Spec();
        await provider.CreateAsync(spec, Ct).Within();

        await provider.DeleteAsync(spec.Name, Ct).Within();
        await provider.DeleteAsync(spec.Name, Ct).Within();

        (await InspectAsync(spec.Name)).ShouldBeNull();
        (await provider.GetAsync(spec.Name, Ct).Within()).ShouldBeNull();
    }

    [Fact]
    public async Task DeleteAsync_NeverCreated_IsNoOp()
    {
        var provider = NewProvider();

        await provider.DeleteAsync(UniqueName(), Ct).Within();

        (await provider.ListAsync(cancellationToken: Ct).Within()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListAsync_SeveralControllersAndPools_ReturnsOnlyOursFilteredByPool()
    {
        var mine = NewProvider();
        var theirs = NewProvider();
        var a1 = await mine.CreateAsync(Spec(pool: "pool-a"), Ct).Within();
        var a2 = await mine.CreateAsync(Spec(pool: "pool-a"), Ct).Within();
        var b1 = await mine.CreateAsync(Spec(pool: "pool-b"), Ct).Within();
        var foreign = await theirs.CreateAsync(Spec(pool: "pool-a"), Ct).Within();

        (await mine.ListAsync(cancellationToken: Ct).Within()).Select(i => i.Name).ShouldBe([a1.Name, a2.Name, b1.Name], ignoreOrder: true);
        var poolA = await mine.ListAsync("pool-a", Ct).Within();
        poolA.Select(i => i.Name).ShouldBe([a1.Name, a2.Name], ignoreOrder: true);
        poolA.ShouldAllBe(i => i.Pool == "pool-a" && i.Status == ProviderInstanceStatus.Running);
        (await theirs.ListAsync(cancellationToken: Ct).Within()).Single().Name.ShouldBe(foreign.Name);
    }

    [Fact]
    public async Task DeleteAsync_OtherControllersContainer_LeavesItRunning()
    {
        var mine = NewProvider();
        var theirs = NewProvider();
        var foreign = await theirs.CreateAsync(Spec(), Ct).Within();

        await mine.DeleteAsync(foreign.Name, Ct).Within();

        (await mine.GetAsync(foreign.Name, Ct).Within()).ShouldBeNull();
        (await InspectAsync(foreign.Name)).ShouldNotBeNull().State.Running.ShouldBeTrue();
    }

    [Fact]
    public async Task GetAsync_CommandEnded_ReportsExited()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "exit 3"]);
        await provider.CreateAsync(spec, Ct).Within();

        await Timeouts.UntilAsync(
            async () => (await provider.GetAsync(spec.Name, Ct))?.Status == ProviderInstanceStatus.Exited,
            TimeSpan.FromSeconds(20),
            "the container to exit");

        (await provider.ListAsync(cancellationToken: Ct).Within()).Single().Status.ShouldBe(ProviderInstanceStatus.Exited);
        (await provider.CreateAsync(spec, Ct).Within()).Status.ShouldBe(ProviderInstanceStatus.Exited);
    }

    [Fact]
    public async Task CreateAsync_AbsentImage_ThrowsNamingTheImage()
    {
        var provider = NewProvider();
        var image = $"hangar-test/absent-{Guid.NewGuid():N}:1";
        var spec = Spec() with { Image = image };

        var error = await Should.ThrowAsync<InvalidOperationException>(provider.CreateAsync(spec, Ct).Within());

        error.Message.ShouldContain(image);
        (await InspectAsync(spec.Name)).ShouldBeNull();
    }

    [Fact]
    public async Task CreateAsync_InvalidSecretName_ErrorOmitsTheValue()
    {
        var provider = NewProvider();
        var spec = Spec() with { SecretEnv = new Dictionary<string, string> { ["BAD=NAME"] = "hunter2-secret" } };

        var error = await Should.ThrowAsync<ArgumentException>(provider.CreateAsync(spec, Ct).Within());

        error.ToString().ShouldNotContain("hunter2-secret");
        (await InspectAsync(spec.Name)).ShouldBeNull();
    }

    [Fact]
    public async Task CreateAsync_EngineRejectsStart_ErrorOmitsSecrets()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["/no/such/binary"]) with
        {
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = "hunter2-secret" },
        };

        var error = await Should.ThrowAsync<InvalidOperationException>(provider.CreateAsync(spec, Ct).Within());

        error.Message.ShouldContain(spec.Name);
        error.ToString().ShouldNotContain("hunter2-secret");
    }

    [Fact]
    public void Failure_EngineEchoesSecret_RedactsIt()
    {
        var echoed = new global::Docker.DotNet.DockerApiException(
            System.Net.HttpStatusCode.BadRequest, "{\"message\":\"invalid environment variable: =hunter2-secret\"}");

        var error = DockerProvider.Failure("creating container x failed", echoed, ["hunter2-secret"]);

        error.Message.ShouldNotContain("hunter2-secret");
        error.Message.ShouldContain("***");
        error.InnerException.ShouldBeNull();
    }

    [Fact]
    public void StatusOf_EngineStates_MapToProviderStatus()
    {
        ContainerParameters.StatusOf("created").ShouldBe(ProviderInstanceStatus.Created);
        foreach (var running in new[] { "running", "restarting", "paused" })
        {
            ContainerParameters.StatusOf(running).ShouldBe(ProviderInstanceStatus.Running);
        }

        ContainerParameters.StatusOf("exited").ShouldBe(ProviderInstanceStatus.Exited);
        ContainerParameters.StatusOf("dead").ShouldBe(ProviderInstanceStatus.Exited);
        ContainerParameters.StatusOf("something-new").ShouldBe(ProviderInstanceStatus.Unknown);
        _ = new ContainerState();
    }
}
