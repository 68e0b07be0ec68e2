using System.Text;
using Hangar.Emulator.Webhooks;

namespace Hangar.Emulator.Tests.Webhooks;

public sealed class WebhookSignerTests
{
    [Fact]
    public void Sha256_GitHubTestVector_MatchesDocumentedSignature()
    {
        var signature = WebhookSigner.Sha256("It's a Secret to Everybody", Encoding.UTF8.GetBytes("Hello, World!"));

        signature.ShouldBe("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }
}
