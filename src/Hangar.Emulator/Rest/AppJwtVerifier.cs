using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hangar.Emulator.Rest;

/// <summary>Checks an App JWT as GitHub does: RS256 with the App's key, <c>iss</c> the client ID or App ID,
/// <c>iat</c> not in the future (60 s grace), <c>exp</c> in the future and at most 10 minutes after <c>iat</c>.</summary>
internal static class AppJwtVerifier
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Null when valid, otherwise GitHub-like reason text.</summary>
    public static string? Verify(string jwt, EmulatorApp app, DateTimeOffset now)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return "A JSON web token could not be decoded";
        }

        try
        {
            using var header = JsonDocument.Parse(Decode(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            {
                return "A JSON web token could not be decoded (alg must be RS256)";
            }

            using var key = RSA.Create();
            key.ImportFromPem(app.PublicKeyPem);
            if (!key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return "A JSON web token could not be decoded";
            }

            using var claims = JsonDocument.Parse(Decode(parts[1]));
            var root = claims.RootElement;
            var iss = root.TryGetProperty("iss", out var i) ? (i.ValueKind == JsonValueKind.Number ? i.GetRawText() : i.GetString()) : null;
            if (iss != app.ClientId && iss != app.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return "Integration not found";
            }

            var iat = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("iat").GetInt64());
            var exp = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64());
            if (iat > now + Grace)
            {
                return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
            }

            if (exp <= now || exp - iat > MaxLifetime)
            {
                return "'Expiration time' claim ('exp') is too far in the future";
            }

            return null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or CryptographicException)
        {
            return "A JSON web token could not be decoded";
        }
    }

    private static byte[] Decode(string part)
    {
        var text = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
    }
}
