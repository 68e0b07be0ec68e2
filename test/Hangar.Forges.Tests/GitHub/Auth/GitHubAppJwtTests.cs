using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hangar.Forges.GitHub.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Forges.Tests.GitHub.Auth;

public class GitHubAppJwtTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_GeneratedKey_Rs256HeaderClaimsAndValidSignature()
    {
        using var key = RSA.Create(2048);
        using var jwt = new GitHubAppJwt("Iv23liExample", key.ExportRSAPrivateKeyPem(), new FakeTimeProvider(Now));

        var parts = jwt.Create().Split('.');

        parts.Length.ShouldBe(3);
        using var header = JsonDocument.Parse(Decode(parts[0]));
        header.RootElement.GetProperty("alg").GetString().ShouldBe("RS256");
        header.RootElement.GetProperty("typ").GetString().ShouldBe("JWT");
        using var claims = JsonDocument.Parse(Decode(parts[1]));
        var iat = claims.RootElement.GetProperty("iat").GetInt64();
        var exp = claims.RootElement.GetProperty("exp").GetInt64();
        iat.ShouldBe(Now.AddSeconds(-60).ToUnixTimeSeconds());
        (exp - iat).ShouldBe(9 * 60);
        (exp - iat).ShouldBeLessThanOrEqualTo(10 * 60);
        claims.RootElement.GetProperty("iss").GetString().ShouldBe("Iv23liExample");
        key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .ShouldBeTrue();
    }

    [Fact]
    public void Create_Pkcs8Key_AcceptedLikePkcs1()
    {
        using var key = RSA.Create(2048);
        using var jwt = new GitHubAppJwt("42", key.ExportPkcs8PrivateKeyPem(), new FakeTimeProvider(Now));

        using var claims = JsonDocument.Parse(Decode(jwt.Create().Split('.')[1]));
        claims.RootElement.GetProperty("iss").GetString().ShouldBe("42");
    }

    [Fact]
    public void Constructor_NotAKey_ThrowsWithoutEchoingIt()
    {
        const string notAKey = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LXRoYXQtbXVzdC1ub3QtbGVhaw==\n-----END RSA PRIVATE KEY-----";

        var ex = Should.Throw<ArgumentException>(() => new GitHubAppJwt("Iv1", notAKey, TimeProvider.System));

        ex.Message.ShouldContain("private key");
        ex.ToString().ShouldNotContain("c2VjcmV0");
    }

    private static byte[] Decode(string part)
    {
        var text = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
    }
}
