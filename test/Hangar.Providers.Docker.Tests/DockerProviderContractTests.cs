using Hangar.Core.Providers;
using Hangar.Testing;
using Hangar.Testing.Providers;

namespace Hangar.Providers.Docker.Tests;

/// <summary>The provider contract against the real engine, with the busybox test image.</summary>
public sealed class DockerProviderContractTests(DockerEngineFixture engine) : ProviderContractTests
{
    private readonly DockerMachines _machines = new(engine);

    public override async ValueTask DisposeAsync()
    {
        await _machines.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override IProvider NewProvider(string controllerId) => _machines.NewProvider(controllerId);

    protected override RunnerSpec Spec(string name, string pool, string script) => new()
    {
        Name = name,
        Pool = pool,
        Labels = ["self-hosted", "linux"],
        Image = DockerEngineFixture.Image,
        Command = ["sh", "-c", script],
        NetworkMode = "host",
    };

    protected override async Task<IReadOnlyList<string>> MachinesOutsideAsync(string controllerId) =>
        [.. (await _machines.LabelledAsync(controllerId, Ct)).Select(c => c.Names.Single().TrimStart('/'))];

    protected override async Task<bool> RunsOutsideAsync(string name) =>
        (await _machines.InspectAsync(name))?.State.Running == true;

    // The test image's working directory is /.
    protected override async Task<string?> ReadOutputAsync(string name, string file) =>
        (await _machines.ReadFileAsync(name, "/" + file))?.Text;

    protected override (RunnerSpec Spec, string Missing) Unrunnable(RunnerSpec spec)
    {
        var image = $"hangar-test/absent-{Guid.NewGuid():N}:1";
        return (spec with { Image = image }, image);
    }
}
