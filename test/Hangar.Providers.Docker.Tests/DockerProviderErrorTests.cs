using Docker.DotNet.Models;
using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Providers.Docker.Tests;

public sealed class DockerProviderErrorTests(DockerEngineFixture engine) : DockerTestBase(engine)
{
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
