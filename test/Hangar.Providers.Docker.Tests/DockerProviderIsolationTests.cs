using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Providers.Docker.Tests;

/// <summary>What holds a container in: memory and process limits by default, the pool's user, a read-only root.</summary>
public sealed class DockerProviderIsolationTests(DockerEngineFixture engine) : DockerTestBase(engine)
{
    private const string Secret = "hunter2-read-only-root";

    [Fact]
    public async Task CreateAsync_SpecWithoutLimits_ContainerGetsTheProvidersDefaultMemoryAndPidsLimits()
    {
        var provider = NewProvider(o => o with { DefaultMemoryMb = 512, PidsLimit = 256 });
        var spec = Spec();

        await provider.CreateAsync(spec, Ct).Within();

        var host = (await InspectAsync(spec.Name)).ShouldNotBeNull().HostConfig;
        host.Memory.ShouldBe(512L * 1024 * 1024);
        host.PidsLimit.ShouldBe(256);
    }

    [Fact]
    public async Task CreateAsync_SpecWithMemory_ThePoolsLimitWins()
    {
        var provider = NewProvider(o => o with { DefaultMemoryMb = 512 });
        var spec = Spec() with { MemoryMb = 96 };

        await provider.CreateAsync(spec, Ct).Within();

        (await InspectAsync(spec.Name)).ShouldNotBeNull().HostConfig.Memory.ShouldBe(96L * 1024 * 1024);
    }

    [Fact]
    public async Task CreateAsync_User_CommandRunsAsThatUser()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "cat /proc/self/status; sleep 30"]) with { User = "4321:4322" };

        await provider.CreateAsync(spec, Ct).Within();

        await Poll.UntilAsync(async () => (await Machines.LogsAsync(spec.Name)).Contains("Gid:\t4322", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the runner's status", Ct);
        (await Machines.LogsAsync(spec.Name)).ShouldContain("Uid:\t4321\t");
        (await InspectAsync(spec.Name)).ShouldNotBeNull().Config.User.ShouldBe("4321:4322");
    }

    [Fact]
    public async Task CreateAsync_ReadOnlyRootWithFileDelivery_RootReadOnlyTmpWritableAndTheRunnerReadsItsCredential()
    {
        var provider = NewProvider();
        var spec = Spec(command:
        [
            "sh", "-c",
            "echo \"credential=$(cat \"$HANGAR_CREDENTIALS_DIRECTORY/TOKEN\")\"; " +
            "(touch /probe 2>/dev/null && echo root=rw || echo root=ro); (touch /tmp/probe && echo tmp=rw); sleep 30",
        ]) with
        {
            Image = DockerEngineFixture.UserImage,
            ReadOnlyRootFilesystem = true,
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = Secret },
            CredentialDelivery = CredentialDelivery.File,
        };

        await provider.CreateAsync(spec, Ct).Within();

        await Poll.UntilAsync(async () => (await Machines.LogsAsync(spec.Name)).Contains("tmp=", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the runner's probes", Ct);
        var logs = await Machines.LogsAsync(spec.Name);
        logs.ShouldContain($"credential={Secret}");
        logs.ShouldContain("root=ro");
        logs.ShouldContain("tmp=rw");
        var inspected = (await InspectAsync(spec.Name)).ShouldNotBeNull();
        inspected.HostConfig.ReadonlyRootfs.ShouldBeTrue();
        inspected.Config.Env.ShouldAllBe(e => !e.Contains(Secret));
    }

    [Fact]
    public async Task DeleteAsync_FileDelivery_RemovesTheCredentialVolumeWithTheContainer()
    {
        var provider = NewProvider();
        var spec = Spec() with
        {
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = Secret },
            CredentialDelivery = CredentialDelivery.File,
        };
        await provider.CreateAsync(spec, Ct).Within();
        var volume = (await InspectAsync(spec.Name)).ShouldNotBeNull().Mounts.Single(m => m.Destination == ContainerCredentials.Root).Name;

        await provider.DeleteAsync(spec.Name, Ct).Within();

        var volumes = await Client.Volumes.ListAsync(Ct).Within();
        (volumes.Volumes ?? []).Select(v => v.Name).ShouldNotContain(volume);
    }

    [Fact]
    public async Task CreateAsync_FileDeliveryContainerCreatedBeforeTheVolume_AdoptedWithItsCredentialInItsOwnFileSystem()
    {
        var controller = UniqueName("ctl");
        var spec = Spec(command: ["sh", "-c", "echo \"credential=$(cat \"$HANGAR_CREDENTIALS_DIRECTORY/TOKEN\")\"; sleep 30"]) with
        {
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = Secret },
            CredentialDelivery = CredentialDelivery.File,
        };
        var parameters = ContainerParameters.For(spec, Machines.OptionsFor(controller));
        parameters.Volumes = null;
        await Client.Containers.CreateContainerAsync(parameters, Ct).Within();

        await NewProvider(controller).CreateAsync(spec, Ct).Within();

        await Poll.UntilAsync(async () => (await Machines.LogsAsync(spec.Name)).Contains($"credential={Secret}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the runner to read its credential", Ct);
    }
}
