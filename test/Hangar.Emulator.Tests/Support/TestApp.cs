using System.Security.Cryptography;
using System.Text;

namespace Hangar.Emulator.Tests.Support;

/// <summary>A GitHub App for the emulator: its key pair, App JWTs signed with it, and installation tokens minted with them.</summary>
internal sealed class TestApp : IDisposable
{
    private TestApp(RSA key)
    {
        Key = key;
        Emulator = new EmulatorApp { PublicKeyPem = key.ExportSubjectPublicKeyInfoPem() };
    }

    public RSA Key { get; }

    public EmulatorApp Emulator { get; }

    public static TestApp Create() => new(RSA.Create(2048));

    /// <summary>An App JWT (RS256, issued a minute ago, 8 minutes left), valid when signed with the App's key.</summary>
    public static string Jwt(RSA key)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var input = B64("""{"alg":"RS256","typ":"JWT"}"""u8.ToArray()) + "." + B64(Encoding.UTF8.GetBytes($$"""{"iat":{{now - 60}},"exp":{{now + 480}},"iss":"Iv23liEmulatorApp"}"""));
        return input + "." + B64(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public static async Task<HttpResponseMessage> MintAsync(TestEmulator emulator, string jwt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "app/installations/5001/access_tokens");
        request.Headers.Authorization = new("Bearer", jwt);
        return await emulator.Anonymous.SendAsync(request, TestTimeouts.Token());
    }

    /// <summary>A fresh installation token of this App.</summary>
    public async Task<string> MintTokenAsync(TestEmulator emulator)
    {
        using var response = await MintAsync(emulator, Jwt(Key));
        ((int)response.StatusCode).ShouldBe(201);
        return (await response.JsonAsync())["token"]!.GetValue<string>();
    }

    public void Dispose() => Key.Dispose();
}
