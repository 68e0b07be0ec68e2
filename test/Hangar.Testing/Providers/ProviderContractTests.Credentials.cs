using Hangar.Core.Providers;

namespace Hangar.Testing.Providers;

public abstract partial class ProviderContractTests
{
    private const string Secret = "hunter2-contract-secret";
    private const string Token = "instance-token-for-contract";
    private static readonly Uri Agent = new("http://127.0.0.1:9/agent");

    [Fact]
    public async Task CreateAsync_EnvironmentDelivery_RunnerGetsSecretTokenAndAgentAddressInItsEnvironment()
    {
        var provider = NewProvider();
        var name = UniqueName();
        var token = await IssueInstanceTokenAsync(name);
        var spec = Spec(name, "pool-a",
            "echo \"$TOKEN|$HANGAR_INSTANCE_TOKEN|$HANGAR_AGENT_ADDRESS|${HANGAR_CREDENTIALS_DIRECTORY:-none}\" > seen.txt; " + LongRunning) with
        {
            Env = new Dictionary<string, string> { ["TOKEN"] = "plain-shadow" },
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = Secret },
            InstanceToken = token,
            AgentAddress = Agent,
        };

        await provider.CreateAsync(spec, Ct).Within();

        await OutputAsync(spec.Name, "seen.txt", $"{Secret}|{token}|{Agent}|none");
    }

    [Fact]
    public async Task CreateAsync_FileDelivery_RunnerReadsSecretsFromFilesNotItsEnvironment()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.CredentialFile);
        var name = UniqueName();
        var token = await IssueInstanceTokenAsync(name);
        var spec = Spec(name, "pool-a",
            "d=\"$HANGAR_CREDENTIALS_DIRECTORY\"; " +
            "echo \"$(cat \"$d/TOKEN\")|$(cat \"$d/HANGAR_INSTANCE_TOKEN\")|${TOKEN:-unset}|${HANGAR_INSTANCE_TOKEN:-unset}|$HANGAR_AGENT_ADDRESS\" > seen.txt; " +
            LongRunning) with
        {
            // A plain value named like a secret must not pose as it.
            Env = new Dictionary<string, string> { ["TOKEN"] = "plain-shadow" },
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = Secret },
            InstanceToken = token,
            AgentAddress = Agent,
            CredentialDelivery = CredentialDelivery.File,
        };

        await provider.CreateAsync(spec, Ct).Within();

        await OutputAsync(spec.Name, "seen.txt", $"{Secret}|{token}|unset|unset|{Agent}");
    }

    [Fact]
    public async Task StartAsync_StoppedFileDeliveryWithNewSecrets_RunnerReadsTheNewOnes()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.StartStop | ProviderCapabilities.CredentialFile);
        var spec = Spec(UniqueName(), "pool-a", "cat \"$HANGAR_CREDENTIALS_DIRECTORY/TOKEN\" >> seen.txt; echo >> seen.txt; " + LongRunning) with
        {
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = "first-credential" },
            CredentialDelivery = CredentialDelivery.File,
        };
        await provider.CreateAsync(spec, Ct).Within();
        // The whole first line, newline included: OutputAsync trims, so it would already match once `cat` has written
        // the credential, and a Stop before the `echo` would leave the second one appended to the same line.
        await Poll.UntilAsync(
            async () => await ReadOutputAsync(spec.Name, "seen.txt") == "first-credential\n",
            Patience,
            $"runner {spec.Name} to finish the line 'first-credential' in seen.txt",
            Ct);
        await provider.StopAsync(spec.Name, Ct).Within();

        var started = await provider.StartAsync(spec.Name, new Dictionary<string, string> { ["TOKEN"] = "second-credential" }, Ct).Within();

        started.ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Running);
        await OutputAsync(spec.Name, "seen.txt", "first-credential\nsecond-credential");
    }

    [Fact]
    public async Task CreateAsync_FileDeliverySecretNameNoFileName_ThrowsWithoutTheValueAndLeavesNothing()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.CredentialFile);
        var spec = Spec() with
        {
            SecretEnv = new Dictionary<string, string> { ["../escape"] = Secret },
            CredentialDelivery = CredentialDelivery.File,
        };

        var error = await Should.ThrowAsync<ArgumentException>(provider.CreateAsync(spec, Ct).Within());

        error.Message.ShouldContain("../escape");
        error.ToString().ShouldNotContain(Secret);
        (await MachinesOutsideAsync(ControllerId)).ShouldBeEmpty();
    }
}
