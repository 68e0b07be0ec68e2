using Hangar.Core.Pools;
using Hangar.Forges.Gitea;

namespace Hangar.Configuration.Tests;

/// <summary>Forges of type <c>gitea</c> and <c>forgejo</c>, their pools' instance scope and the shared-token opt-in,
/// through the real loader (errors as FILE:LINE:COL).</summary>
public sealed class GiteaForgejoConfigTests
{
    private const string Pools = """
        providers:
          docker:
            type: docker
        pools:
          ci:
            forge: code
            instance: true
            labels: [docker]
            provider: docker
            image: hangar/runner:1
            shared_registration_token: true
        """;

    [Fact]
    public void Parse_GiteaForge_ReadsEveryKeyWithWebhookModeByDefault()
    {
        var config = ConfigYaml.Valid("""
            forges:
              code:
                type: gitea
                base_url: https://git.example.com/sub
                token: {env: GITEA_TOKEN}
                webhook_secret: {file: gitea-hook}
            """ + "\n" + Pools);

        var forge = config.Forges["code"];
        forge.Type.ShouldBe("gitea");
        var options = forge.GiteaFamily.ShouldNotBeNull();
        options.BaseUrl.ShouldBe("https://git.example.com/sub");
        options.ApiUrl.ShouldBe("https://git.example.com/sub/api/v1");
        options.Mode.ShouldBe(GiteaFamilyOptions.WebhookMode);
        options.Token.ShouldBeNull();
        forge.Token.ShouldBe(new SecretRef("code-token", "GITEA_TOKEN", null));
        var pool = config.Engine.Pools.ShouldHaveSingleItem();
        pool.Target.ShouldBe(ForgeTarget.Instance());
        pool.SharedRegistrationToken.ShouldBeTrue();
    }

    [Fact]
    public void Parse_ForgejoForge_PollsByDefaultWithItsInterval()
    {
        var config = ConfigYaml.Valid("""
            forges:
              code:
                type: forgejo
                base_url: https://codeberg.example
                token: {env: FORGEJO_TOKEN}
                poll_interval: 20s
            """ + "\n" + Pools);

        var options = config.Forges["code"].GiteaFamily.ShouldNotBeNull();
        options.Mode.ShouldBe(GiteaFamilyOptions.PollMode);
        options.PollInterval.ShouldBe(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Parse_ForgejoInWebhookMode_RefusedAtTheKey()
    {
        ConfigYaml.SingleError("""
            forges:
              code:
                type: forgejo
                base_url: https://codeberg.example
                token: {env: T}
                mode: webhook
            """ + "\n" + Pools).ShouldBeAt(6, 11, "Forgejo sends no job webhooks");
    }

    [Fact]
    public void Parse_GiteaWithGitHubKey_RefusedAtTheKey()
    {
        var result = ConfigYaml.Parse("""
            forges:
              code:
                type: gitea
                base_url: https://git.example.com
                token: {env: T}
                api_url: https://api.github.com
            """ + "\n" + Pools);

        result.Errors.ShouldContain(e => e.Line == 6 && e.Message.Contains("a forge of type gitea has no 'api_url'", StringComparison.Ordinal), string.Join("\n", result.Errors));
    }

    [Fact]
    public void Parse_GiteaWithoutBaseUrlOverPlainHttp_Refused()
    {
        ConfigYaml.SingleError("""
            forges:
              code:
                type: gitea
                token: {env: T}
            """ + "\n" + Pools).Message.ShouldContain("base_url");
        ConfigYaml.SingleError("""
            forges:
              code:
                type: gitea
                base_url: http://git.example.com
                token: {env: T}
            """ + "\n" + Pools).ShouldBeAt(4, 15, "plain http");
    }

    [Fact]
    public void Parse_InstancePoolOnGitHubOrSharedToken_Refused()
    {
        var result = ConfigYaml.Parse("""
            forges:
              code:
                token: {env: T}
            """ + "\n" + Pools);

        result.Errors.ShouldContain(e => e.Message.Contains("only Gitea and Forgejo forges have an instance scope", StringComparison.Ordinal));
        result.Errors.ShouldContain(e => e.Message.Contains("never a registration token", StringComparison.Ordinal));
    }
}
