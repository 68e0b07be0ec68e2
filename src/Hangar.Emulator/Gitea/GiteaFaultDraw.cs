using Hangar.Emulator.Faults;
using Microsoft.AspNetCore.Http;

namespace Hangar.Emulator.Gitea;

/// <summary>Seeded draws of the REST and webhook faults of <see cref="EmulatorFaults"/> for the Gitea family (5xx, 429
/// with <c>Retry-After</c>, dropped and duplicated deliveries), so a failing run replays.</summary>
internal sealed class GiteaFaultDraw(EmulatorFaults faults)
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(faults.Seed);

    /// <summary>The status to answer a REST call with instead of handling it, or null.</summary>
    public int? Rest()
    {
        var draw = Next();
        return (draw -= faults.RestServerErrorRate) < 0 ? StatusCodes.Status503ServiceUnavailable
            : draw - faults.RestRateLimitRate < 0 ? StatusCodes.Status429TooManyRequests
            : null;
    }

    /// <summary>How many times to send a webhook delivery: 0 (dropped), 1, or 2 (duplicated).</summary>
    public int WebhookCopies()
    {
        var draw = Next();
        return (draw -= faults.WebhookDropRate) < 0 ? 0 : draw - faults.WebhookDuplicateRate < 0 ? 2 : 1;
    }

    private double Next()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }
}
