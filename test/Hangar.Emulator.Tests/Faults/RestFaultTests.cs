using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Hangar.Emulator.Faults;
using Hangar.Emulator.Tests.Support;

namespace Hangar.Emulator.Tests.Faults;

public sealed class RestFaultTests
{
    [Fact]
    public async Task PutFaults_RateLimitAlways_Every429CarriesRetryAfterAndControlApiIsSpared()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var put = await emulator.Anonymous.PutAsJsonAsync("_emulator/faults", new { rest_rate_limit_rate = 1.0, retry_after_ms = 2500 }, TestTimeouts.Token());
        using var limited = await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token());
        using var control = await emulator.Anonymous.GetAsync("_emulator/faults", TestTimeouts.Token());

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((int)limited.StatusCode).ShouldBe(429);
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(3));
        control.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await control.JsonAsync())["rest_rate_limit_rate"]!.GetValue<double>().ShouldBe(1.0);
    }

    [Fact]
    public async Task SetFaults_QuotaExhausted_403WithZeroRemainingAndResetAhead()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Host.State.SetFaults(new EmulatorFaults { RestQuotaExhaustedRate = 1, RetryAfter = TimeSpan.FromSeconds(30) });

        using var response = await emulator.Http.GetAsync("repos/acme/app/actions/runners", TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.GetValues("X-RateLimit-Remaining").ShouldBe(["0"]);
        var reset = DateTimeOffset.FromUnixTimeSeconds(long.Parse(response.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture));
        (reset - DateTimeOffset.UtcNow).ShouldBeInRange(TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task SetFaults_SameSeed_SameSequenceOfFaults()
    {
        await using var emulator = await TestEmulator.StartAsync();

        async Task<string> RunAsync()
        {
            emulator.Host.State.SetFaults(new EmulatorFaults { RestServerErrorRate = 0.5, Seed = 42 });
            var statuses = new List<int>();
            for (var i = 0; i < 12; i++)
            {
                using var response = await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token());
                statuses.Add((int)response.StatusCode);
            }

            return string.Join(",", statuses);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        second.ShouldBe(first);
        first.ShouldContain("200");
        first.ShouldContain("5");
    }

    [Theory]
    [InlineData("""{"rest_server_error_rate":1.5}""")]
    [InlineData("""{"rest_server_error_rate":0.6,"rest_rate_limit_rate":0.6}""")]
    [InlineData("""{"rest_typo_rate":0.1}""")]
    [InlineData("""{"retry_after_ms":-1}""")]
    public async Task PutFaults_InvalidBody_400AndFaultsUnchanged(string body)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.Anonymous.PutAsync("_emulator/faults", new StringContent(body, Encoding.UTF8, "application/json"), TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        emulator.Host.State.Faults.ShouldBe(EmulatorFaults.None);
    }

    [Fact]
    public async Task AccessTokens_JwtSignedWithAnotherKey_401()
    {
        using var appKey = RSA.Create(2048);
        using var otherKey = RSA.Create(2048);
        await using var emulator = await TestEmulator.StartAsync(o => o with { App = new EmulatorApp { PublicKeyPem = appKey.ExportSubjectPublicKeyInfoPem() } });

        using var forged = await TestApp.MintAsync(emulator, TestApp.Jwt(otherKey));
        using var genuine = await TestApp.MintAsync(emulator, TestApp.Jwt(appKey));

        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        genuine.StatusCode.ShouldBe(HttpStatusCode.Created);
        emulator.Host.State.InstallationTokensMinted.ShouldBe(1);
    }
}
