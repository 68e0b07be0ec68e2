using System.Diagnostics.Metrics;

namespace Hangar.Core.Forges;

/// <summary>
/// The <c>Hangar.Forges</c> meter: <c>hangar.forge.requests</c> (Prometheus <c>hangar_forge_requests_total</c>), every
/// forge API request by forge, calling loop (<see cref="ForgeCallScope"/>; <c>none</c> when unnamed), call kind,
/// priority and result (<c>ok</c>, <c>not_modified</c> (free), <c>error</c>, or <c>deferred</c>: held back by the
/// request budget and never sent). Shared by every forge so one query covers them all.
/// </summary>
public static class ForgeRequestMetrics
{
    public const string MeterName = "Hangar.Forges";

    public const string Ok = "ok";
    public const string NotModified = "not_modified";
    public const string Error = "error";
    public const string Deferred = "deferred";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "hangar.forge.requests", "{request}", "Forge API requests by forge, calling loop, call kind, priority and result");

    public static void Record(string forge, string kind, ForgePriority priority, string result) =>
        Requests.Add(
            1,
            new KeyValuePair<string, object?>("forge", forge),
            new KeyValuePair<string, object?>("loop", ForgeCallScope.Current?.Loop ?? "none"),
            new KeyValuePair<string, object?>("kind", kind),
            new KeyValuePair<string, object?>("priority", priority switch
            {
                ForgePriority.Provision => "provision",
                ForgePriority.Observe => "observe",
                _ => "sweep",
            }),
            new KeyValuePair<string, object?>("result", result));
}
