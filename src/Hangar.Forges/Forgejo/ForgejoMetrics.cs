using System.Diagnostics.Metrics;

namespace Hangar.Forges.Forgejo;

/// <summary>
/// The <c>Hangar.Forges.Forgejo</c> meter: <c>hangar.forgejo.runners_left_behind</c> (Prometheus
/// <c>hangar_forgejo_runners_left_behind_total</c>), runner rows Forgejo 11–14 keeps after their machine is gone
/// because those versions have no API to remove a runner (docs/gitea-forgejo.md says how to clean them).
/// </summary>
internal static class ForgejoMetrics
{
    public const string MeterName = "Hangar.Forges.Forgejo";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> LeftBehind = Meter.CreateCounter<long>(
        "hangar.forgejo.runners_left_behind", "{runner}", "Runner rows left at a Forgejo without a runner removal API");

    public static void RunnerLeftBehind(string forge) => LeftBehind.Add(1, new KeyValuePair<string, object?>("forge", forge));
}
