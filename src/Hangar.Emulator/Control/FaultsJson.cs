using System.Text.Json;
using System.Text.Json.Nodes;
using Hangar.Emulator.Faults;

namespace Hangar.Emulator.Control;

/// <summary><c>GET/PUT /_emulator/faults</c>: snake_case rates in [0, 1], <c>retry_after_ms</c>, <c>timeout_ms</c>, <c>seed</c>.
/// A PUT replaces every setting; fields left out take their defaults (0 for rates).</summary>
internal static class FaultsJson
{
    private static readonly string[] Rates =
    [
        "rest_server_error_rate", "rest_rate_limit_rate", "rest_quota_exhausted_rate", "rest_timeout_rate",
        "webhook_drop_rate", "webhook_duplicate_rate", "webhook_reorder_rate",
    ];

    public static JsonObject Write(EmulatorFaults f) => new()
    {
        ["rest_server_error_rate"] = f.RestServerErrorRate,
        ["rest_rate_limit_rate"] = f.RestRateLimitRate,
        ["rest_quota_exhausted_rate"] = f.RestQuotaExhaustedRate,
        ["rest_timeout_rate"] = f.RestTimeoutRate,
        ["webhook_drop_rate"] = f.WebhookDropRate,
        ["webhook_duplicate_rate"] = f.WebhookDuplicateRate,
        ["webhook_reorder_rate"] = f.WebhookReorderRate,
        ["retry_after_ms"] = (long)f.RetryAfter.TotalMilliseconds,
        ["timeout_ms"] = (long)f.Timeout.TotalMilliseconds,
        ["seed"] = f.Seed,
    };

    public static (EmulatorFaults Faults, Dictionary<string, string[]> Errors) Read(JsonObject body)
    {
        var errors = new Dictionary<string, string[]>();
        var known = new HashSet<string>(Rates) { "retry_after_ms", "timeout_ms", "seed" };
        foreach (var name in body.Select(p => p.Key).Where(k => !known.Contains(k)))
        {
            errors[name] = ["unknown setting"];
        }

        double Rate(string name)
        {
            if (body[name] is null)
            {
                return 0;
            }

            if (body[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is var rate and >= 0 and <= 1)
            {
                return rate;
            }

            errors[name] = ["must be a number in [0, 1]"];
            return 0;
        }

        long? Whole(string name, long min, long max)
        {
            if (body[name] is null)
            {
                return null;
            }

            if (body[name] is JsonValue v && v.TryGetValue<long>(out var n) && n >= min && n <= max)
            {
                return n;
            }

            errors[name] = [$"must be an integer in [{min}, {max}]"];
            return null;
        }

        var defaults = EmulatorFaults.None;
        var faults = new EmulatorFaults
        {
            RestServerErrorRate = Rate("rest_server_error_rate"),
            RestRateLimitRate = Rate("rest_rate_limit_rate"),
            RestQuotaExhaustedRate = Rate("rest_quota_exhausted_rate"),
            RestTimeoutRate = Rate("rest_timeout_rate"),
            WebhookDropRate = Rate("webhook_drop_rate"),
            WebhookDuplicateRate = Rate("webhook_duplicate_rate"),
            WebhookReorderRate = Rate("webhook_reorder_rate"),
            RetryAfter = Whole("retry_after_ms", 0, 3_600_000) is { } ra ? TimeSpan.FromMilliseconds(ra) : defaults.RetryAfter,
            Timeout = Whole("timeout_ms", 0, 3_600_000) is { } t ? TimeSpan.FromMilliseconds(t) : defaults.Timeout,
            Seed = (int)(Whole("seed", int.MinValue, int.MaxValue) ?? defaults.Seed),
        };
        var total = faults.RestServerErrorRate + faults.RestRateLimitRate + faults.RestQuotaExhaustedRate + faults.RestTimeoutRate;
        if (total > 1)
        {
            errors["rest_*_rate"] = ["the REST rates must add up to at most 1 (one fault per call)"];
        }

        return (faults, errors);
    }
}
