namespace Hangar.Bench.EndToEnd;

/// <summary>
/// One runner's start in ms: <see cref="Total"/> from the request (a queued job, or a direct start) to the runner's
/// connect; through Hangar also split at the provider's create call: queue → create called (webhook, intake, plan, JIT
/// credential), the create call itself, and create returned → connect (the runner booting).
/// </summary>
internal sealed record StartSample(double Total, double? ToCreate = null, double? Create = null, double? Boot = null);
