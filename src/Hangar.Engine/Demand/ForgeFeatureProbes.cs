using Hangar.Core.Forges;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Demand;

/// <summary>
/// Probes every forge whose features depend on its version (Gitea, Forgejo) once at start, at the targets its pools
/// use, and logs what it found: registration method, demand sources, runner listing. A forge that cannot be reached is
/// logged and probed again on its first use; the start goes on.
/// </summary>
internal sealed class ForgeFeatureProbes(IEnumerable<IForgeFeatureProbe> probes, PoolCatalog pools, ILogger<ForgeFeatureProbes> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var probe in probes)
        {
            var targets = pools.All.Where(p => p.Forge == probe.Name).Select(p => p.Target).Distinct().ToList();
            try
            {
                var found = await probe.ProbeAsync(targets, stoppingToken).ConfigureAwait(false);
                DemandLog.ForgeFeatures(logger, found.Forge, found.Type, found.Registration, string.Join(',', found.DemandSources),
                    found.RunnerListing, string.Join("; ", found.Notes));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                DemandLog.ForgeProbeFailed(logger, probe.Name, ErrorText.Describe(ex));
            }
        }
    }
}
