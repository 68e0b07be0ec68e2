using Docker.DotNet.Models;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Providers.Docker.Tests;

public sealed class DockerProviderCreateTests(DockerEngineFixture engine) : DockerTestBase(engine)
{
    [Fact]
    public async Task CreateAsync_FullSpec_RunsContainerAsAsked()
    {
        var provider = NewProvider();
        var readOnlyDir = Directory.CreateTempSubdirectory("hangar-ro-");
        var outDir = Directory.CreateTempSubdirectory("hangar-out-");
        try
        {
            var spec = Spec(command: ["sh", "-c",
                "echo \"$PLAIN $TOKEN\" > /out/env.txt; " +
                "if touch /data/probe 2>/dev/null; then echo writable; else echo readonly; fi > /out/ro.txt; sleep 30"]) with
            {
                Env = new Dictionary<string, string> { ["PLAIN"] = "plain-value" },
                SecretEnv = new Dictionary<string, string> { ["TOKEN"] = "secret-value" },
                Mounts = [new MountSpec(readOnlyDir.FullName, "/data"), new MountSpec(outDir.FullName, "/out", ReadOnly: false)],
                Cpus = 0.5,
                MemoryMb = 64,
            };

            var instance = await provider.CreateAsync(spec, Ct).Within();

            instance.Name.ShouldBe(spec.Name);
            instance.Pool.ShouldBe("pool-a");
            instance.Status.ShouldBe(ProviderInstanceStatus.Running);
            var inspected = (await InspectAsync(spec.Name)).ShouldNotBeNull();
            inspected.ID.ShouldBe(instance.ProviderId);
            inspected.Config.Labels.ShouldContainKeyAndValue(DockerLabels.Pool, "pool-a");
            inspected.Config.Labels.ShouldContainKeyAndValue(DockerLabels.Instance, spec.Name);
            inspected.Config.Labels[DockerLabels.Controller].ShouldStartWith("ctl-");
            inspected.Config.Env.ShouldContain("PLAIN=plain-value");
            inspected.Config.Env.ShouldContain("TOKEN=secret-value");
            inspected.HostConfig.NetworkMode.ShouldBe("host");
            inspected.HostConfig.NanoCPUs.ShouldBe(500_000_000);
            inspected.HostConfig.Memory.ShouldBe(64L * 1024 * 1024);
            inspected.HostConfig.Mounts.Single(m => m.Target == "/data").ReadOnly.ShouldBeTrue();
            inspected.HostConfig.Mounts.Single(m => m.Target == "/out").ReadOnly.ShouldBeFalse();
            // The shell creates the file before it writes to it: wait for its content, not for the file.
            await Poll.UntilAsync(
                () => File.Exists(Path.Combine(outDir.FullName, "ro.txt")) && File.ReadAllText(Path.Combine(outDir.FullName, "ro.txt")).EndsWith('\n'),
                TimeSpan.FromSeconds(20),
                "the runner's output",
                Ct);
            (await File.ReadAllTextAsync(Path.Combine(outDir.FullName, "env.txt"), Ct).Within())
                .Trim().ShouldBe("plain-value secret-value");
            (await File.ReadAllTextAsync(Path.Combine(outDir.FullName, "ro.txt"), Ct).Within())
                .Trim().ShouldBe("readonly");
        }
        finally
        {
            readOnlyDir.Delete(recursive: true);
            outDir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task CreateAsync_Default_AppliesLeastPrivilege()
    {
        var provider = NewProvider();
        var spec = Spec();

        await provider.CreateAsync(spec, Ct).Within();

        var host = (await InspectAsync(spec.Name)).ShouldNotBeNull().HostConfig;
        host.CapDrop.ShouldBe(["ALL"]);
        host.SecurityOpt.ShouldContain("no-new-privileges");
        host.PidsLimit.ShouldBe(4096);
        host.Privileged.ShouldBeFalse();
    }

    [Fact]
    public async Task CreateAsync_OurContainerOnlyCreated_StartsIt()
    {
        var controller = UniqueName("ctl");
        var provider = NewProvider(controller);
        var spec = Spec();
        var parameters = ContainerParameters.For(spec, Machines.OptionsFor(controller));
        await Client.Containers.CreateContainerAsync(parameters, Ct).Within();
        (await provider.GetAsync(spec.Name, Ct).Within()).ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Created);

        var instance = await provider.CreateAsync(spec, Ct).Within();

        instance.Status.ShouldBe(ProviderInstanceStatus.Running);
        (await InspectAsync(spec.Name)).ShouldNotBeNull().State.Running.ShouldBeTrue();
    }

    [Fact]
    public async Task CreateAsync_ForeignContainerWithThatName_ThrowsAndLeavesItAlone()
    {
        var provider = NewProvider();
        var name = TrackName(UniqueName());
        var foreign = await Client.Containers.CreateContainerAsync(
            new CreateContainerParameters { Name = name, Image = DockerEngineFixture.Image, Cmd = ["sleep", "30"] },
            Ct).Within();

        var error = await Should.ThrowAsync<InvalidOperationException>(provider.CreateAsync(Spec(name), Ct).Within());
        await provider.DeleteAsync(name, Ct).Within();

        error.Message.ShouldContain(name);
        (await provider.GetAsync(name, Ct).Within()).ShouldBeNull();
        var still = (await InspectAsync(name)).ShouldNotBeNull();
        still.ID.ShouldBe(foreign.ID);
        still.State.Status.ShouldBe("created");
    }
}
