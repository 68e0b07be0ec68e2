using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hangar.Forges.GitHub.Auth;

/// <summary>The App JWT of reference section 2: RS256, <c>iat</c> 60 s in the past for clock skew, a 9-minute lifetime
/// (GitHub refuses more than 10), <c>iss</c> = client ID or App ID. Used only for <c>/app/...</c> and installation lookups.</summary>
internal sealed class GitHubAppJwt : IDisposable
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    private static readonly string Header = Base64Url("""{"alg":"RS256","typ":"JWT"}"""u8);

    private readonly string _issuer;
    private readonly RSA _key;
    private readonly TimeProvider _time;

    public GitHubAppJwt(string issuer, string privateKeyPem, TimeProvider time)
    {
        _issuer = issuer;
        _time = time;
        _key = RSA.Create();
        try
        {
            _key.ImportFromPem(privateKeyPem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            _key.Dispose();
            // The inner exception is dropped on purpose: nothing about the key's content may reach a log.
            throw new ArgumentException("the GitHub App private key is not a PEM-encoded RSA private key");
        }

        if (_key.KeySize < 2048)
        {
            _key.Dispose();
            throw new ArgumentException($"the GitHub App private key has {_key.KeySize} bits; GitHub issues 2048-bit keys");
        }
    }

    public string Create()
    {
        var issuedAt = _time.GetUtcNow() - ClockSkew;
        var claims = new AppJwtClaims(issuedAt.ToUnixTimeSeconds(), (issuedAt + Lifetime).ToUnixTimeSeconds(), _issuer);
        var signingInput = Header + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims, GitHubJsonContext.Default.AppJwtClaims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    public void Dispose() => _key.Dispose();

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
