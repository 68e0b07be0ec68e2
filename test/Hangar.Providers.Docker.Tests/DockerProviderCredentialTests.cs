using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Providers.Docker.Tests;

/// <summary>File delivery in a container: where the files are, whose they are, and that the secret is nowhere else.</summary>
public sealed class DockerProviderCredentialTests(DockerEngineFixture engine) : DockerTestBase(engine)
{
    private const string Secret = "hunter2-docker-file-secret";

    [Fact]
    public async Task CreateAsync_FileDeliveryImageWithNamedUser_FilesBelongToThatUserAloneAndItReadsThem()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "cat \"$HANGAR_CREDENTIALS_DIRECTORY/TOKEN\" > /tmp/seen.txt; sleep 30"]) with
        {
            Image = DockerEngineFixture.UserImage,
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = Secret },
            CredentialDelivery = CredentialDelivery.File,
        };

        await provider.CreateAsync(spec, Ct).Within();

        await Poll.UntilAsync(async () => (await Machines.ReadFileAsync(spec.Name, "/tmp/seen.txt"))?.Text == Secret,
            TimeSpan.FromSeconds(20), "the runner to read its credential", Ct);
        var file = (await Machines.ReadFileAsync(spec.Name, "/hangar/credentials/TOKEN")).ShouldNotBeNull();
        file.Mode.ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (file.Uid, file.Gid).ShouldBe((DockerEngineFixture.RunnerUid, DockerEngineFixture.RunnerUid));
        (await Machines.ReadFileAsync(spec.Name, "/tmp/seen.txt")).ShouldNotBeNull().Uid.ShouldBe(DockerEngineFixture.RunnerUid);
    }

    [Fact]
    public async Task CreateAsync_FileDelivery_SecretIsNotInTheContainersConfiguration()
    {
        var provider = NewProvider();
        var spec = Spec() with
        {
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = Secret },
            InstanceToken = "instance-token-secret",
            CredentialDelivery = CredentialDelivery.File,
        };

        await provider.CreateAsync(spec, Ct).Within();

        var config = (await InspectAsync(spec.Name)).ShouldNotBeNull().Config;
        config.Env.ShouldContain($"{RunnerEnvironment.CredentialsDirectory}={ContainerCredentials.Directory}");
        config.Env.ShouldAllBe(e => !e.Contains(Secret) && !e.Contains("instance-token-secret"));
        config.Labels.ShouldContainKeyAndValue(DockerLabels.Credentials, DockerLabels.CredentialsByFile);
        (await Machines.ReadFileAsync(spec.Name, "/hangar/credentials/HANGAR_INSTANCE_TOKEN")).ShouldNotBeNull().Text.ShouldBe("instance-token-secret");
    }

    [Fact]
    public async Task CreateAsync_EnvironmentDelivery_NoCredentialLabelOrFiles()
    {
        var provider = NewProvider();
        var spec = Spec() with { SecretEnv = new Dictionary<string, string> { ["TOKEN"] = Secret } };

        await provider.CreateAsync(spec, Ct).Within();

        var config = (await InspectAsync(spec.Name)).ShouldNotBeNull().Config;
        config.Labels.ShouldNotContainKey(DockerLabels.Credentials);
        config.Env.ShouldContain($"TOKEN={Secret}");
        config.Env.ShouldAllBe(e => !e.StartsWith(RunnerEnvironment.CredentialsDirectory));
        (await Machines.ReadFileAsync(spec.Name, "/hangar/credentials/TOKEN")).ShouldBeNull();
    }

    [Fact]
    public async Task StartAsync_NewSecretsForEnvironmentDelivery_RefusedAndContainerStaysStopped()
    {
        var provider = NewProvider();
        var spec = Spec() with { SecretEnv = new Dictionary<string, string> { ["TOKEN"] = Secret } };
        await provider.CreateAsync(spec, Ct).Within();
        await provider.StopAsync(spec.Name, Ct).Within();

        var error = await Should.ThrowAsync<InvalidOperationException>(
            provider.StartAsync(spec.Name, new Dictionary<string, string> { ["TOKEN"] = "new" }, Ct).Within());

        error.Message.ShouldContain(spec.Name);
        (await InspectAsync(spec.Name)).ShouldNotBeNull().State.Running.ShouldBeFalse();
    }
}
