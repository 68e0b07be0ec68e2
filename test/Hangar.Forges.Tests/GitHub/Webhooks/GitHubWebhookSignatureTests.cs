using System.Text;
using Hangar.Forges.GitHub.Webhooks;

namespace Hangar.Forges.Tests.GitHub.Webhooks;

public class GitHubWebhookSignatureTests
{
    // GitHub's documented test vector (docs: "Validating webhook deliveries").
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("It's a Secret to Everybody");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("Hello, World!");
    private const string Expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void Sign_GitHubTestVector_MatchesDocumentedSignature() =>
        GitHubWebhookSignature.Sign(Body, Secret).ShouldBe(Expected);

    [Fact]
    public void IsValid_GitHubTestVector_ReturnsTrue() =>
        GitHubWebhookSignature.IsValid(Body, Expected, Secret).ShouldBeTrue();

    [Fact]
    public void IsValid_RealPayloadSignedBySign_ReturnsTrue()
    {
        var body = Payloads.Read("workflow_job.queued.json");

        GitHubWebhookSignature.IsValid(body, GitHubWebhookSignature.Sign(body, Secret), Secret).ShouldBeTrue();
    }

    [Fact]
    public void IsValid_TamperedBody_ReturnsFalse() =>
        GitHubWebhookSignature.IsValid(Encoding.UTF8.GetBytes("Hello, World?"), Expected, Secret).ShouldBeFalse();

    [Fact]
    public void IsValid_WrongSecret_ReturnsFalse() =>
        GitHubWebhookSignature.IsValid(Body, Expected, Encoding.UTF8.GetBytes("It's a Secret to Nobody")).ShouldBeFalse();

    [Fact]
    public void IsValid_EmptySecret_ReturnsFalseEvenForMatchingSignature()
    {
        var unkeyed = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Array.Empty<byte>(), Body));

        GitHubWebhookSignature.IsValid(Body, unkeyed, []).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17ab")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData(" sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    public void IsValid_MissingMalformedOrWrongHeader_ReturnsFalse(string? header) =>
        GitHubWebhookSignature.IsValid(Body, header, Secret).ShouldBeFalse();

    [Fact]
    public void Sign_EmptySecret_Throws() =>
        Should.Throw<ArgumentException>(() => GitHubWebhookSignature.Sign(Body, []));
}
