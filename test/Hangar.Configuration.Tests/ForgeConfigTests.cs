namespace Hangar.Configuration.Tests;

/// <summary>The forge section's App, host and CA bundle keys, through the real loader (errors as FILE:LINE:COL).</summary>
public class ForgeConfigTests
{
    [Fact]
    public void Parse_AppWithClientIdAndKeyFile_ReadsEveryField()
    {
        var result = ConfigLoader.Parse(
            """
            forges:
              github:
                app:
                  client_id: Iv23liExample
                  installation_id: 7654321
                  private_key: {file: keys/app.pem}
                webhook_secret: {env: GH_SECRET}
            """, "/etc/hangar/hangar.yaml");

        result.Errors.ShouldBeEmpty();
        var forge = result.Config!.Forges["github"];
        forge.Token.ShouldBeNull();
        forge.GitHub.Token.ShouldBeNull();
        var app = forge.GitHub.App.ShouldNotBeNull();
        app.ClientId.ShouldBe("Iv23liExample");
        app.InstallationId.ShouldBe(7654321);
        app.PrivateKeyPem.ShouldBeEmpty();
        forge.AppPrivateKey.ShouldBe(new SecretRef("github-app-private-key", null, "/etc/hangar/keys/app.pem"));
    }

    [Theory]
    [InlineData("github.com", "https://api.github.com")]
    [InlineData("acme.ghe.com", "https://api.acme.ghe.com")]
    [InlineData("github.example.com", "https://github.example.com/api/v3")]
    [InlineData("github.example.com:8443", "https://github.example.com:8443/api/v3")]
    public void Parse_Host_DerivesApiUrl(string host, string apiUrl)
    {
        var result = ConfigLoader.Parse($"forges: {{gh: {{host: '{host}', token: {{env: T}}}}}}", "hangar.yaml");

        result.Errors.ShouldBeEmpty();
        result.Config!.Forges["gh"].GitHub.ApiUrl.ShouldBe(apiUrl);
    }

    [Fact]
    public void Parse_TokenAndApp_ErrorAtAppKey()
    {
        var result = ConfigLoader.Parse(
            """
            forges:
              github:
                token: {env: T}
                app: {app_id: 1, private_key: {env: K}}
            """, "hangar.yaml");

        result.Errors.Select(e => e.ToString()).ShouldContain(e => e.StartsWith("hangar.yaml:4:5:", StringComparison.Ordinal) && e.Contains("mutually exclusive"));
    }

    [Fact]
    public void Parse_NoCredential_ErrorNamesBothOptions()
    {
        var result = ConfigLoader.Parse("forges:\n  github:\n    webhook_secret: {env: S}\n", "hangar.yaml");

        result.Errors.ShouldHaveSingleItem().ToString().ShouldBe("hangar.yaml:2:3: missing required key 'token' in forges.github (or 'app' for a GitHub App)");
    }

    [Fact]
    public void Parse_AppProblems_EveryErrorWithPosition()
    {
        var result = ConfigLoader.Parse(
            """
            forges:
              github:
                app:
                  client_id: Iv1
                  app_id: 12
                  private_key: ghp_inline_secret
                ca_bundle: /nonexistent/ca.pem
                api_url: https://x.example.com/api/v3
                host: x.example.com
            """, "hangar.yaml");

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        errors.ShouldContain(e => e.StartsWith("hangar.yaml:5:7:", StringComparison.Ordinal) && e.Contains("'client_id' and 'app_id'"));
        errors.ShouldContain(e => e.StartsWith("hangar.yaml:6:20:", StringComparison.Ordinal) && e.Contains("never inline"));
        errors.ShouldContain(e => e.StartsWith("hangar.yaml:7:16:", StringComparison.Ordinal) && e.Contains("does not exist"));
        errors.ShouldContain(e => e.StartsWith("hangar.yaml:9:5:", StringComparison.Ordinal) && e.Contains("mutually exclusive"));
        errors.ShouldAllBe(e => !e.Contains("ghp_inline_secret"));
    }
}
