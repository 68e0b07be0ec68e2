using Hangar.Configuration;
using Hangar.Engine;
using Hangar.Server.Dashboard;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Reload;

/// <summary>
/// Applies a changed configuration file to the running server: validated whole first (a bad file keeps the last good
/// configuration running, and says why in the log, the <c>hangar_config_reload_*</c> metrics and a dashboard banner);
/// then its pools replace the running ones in the <see cref="PoolCatalog"/> (added, changed, removed; a removed pool's
/// runners drain: those without a job go now, busy ones after their job), and any other section that changed is named as
/// needing a restart. Operators' run-time overrides still win over the file until cleared.
/// </summary>
internal sealed class ConfigReload(
    string path,
    HangarConfig started,
    PoolCatalog pools,
    DashboardWarnings warnings,
    ReloadMetrics metrics,
    TimeProvider time,
    ILogger<ConfigReload> logger)
{
    private const string WarningKey = "config-reload";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HangarConfig _running = started;

    public string Path => path;

    /// <summary>Reads the file and applies it when valid. Returns whether the server now runs what the file says.</summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var loaded = ConfigLoader.Load(path);
            if (!loaded.IsValid)
            {
                return Reject(string.Join("; ", loaded.Errors.Select(e => e.ToString())));
            }

            var next = loaded.Config;
            if (ReloadCheck.Refusals(_running, next) is { Count: > 0 } refusals)
            {
                return Reject(string.Join("; ", refusals));
            }

            var restart = ReloadCheck.NeedRestart(_running, next);
            foreach (var section in restart)
            {
                ServerLog.ConfigReloadNeedsRestart(logger, path, section);
            }

            var (added, changed, removed) = ReloadCheck.PoolChanges(_running.Engine.Pools, next.Engine.Pools);
            if (added.Count + changed.Count + removed.Count == 0)
            {
                metrics.Unchanged();
            }
            else
            {
                pools.ReplaceConfigured(next.Engine.Pools);
                ServerLog.ConfigReloadApplied(logger, path, next.Engine.Pools.Count, Names(added), Names(changed), Names(removed));
                foreach (var pool in removed)
                {
                    ServerLog.ConfigReloadPoolDraining(logger, pool);
                }

                ReportOverrides(next);
                metrics.Applied(time.GetUtcNow());
            }

            // Pools are what ran from the new file; other sections keep what the server started with.
            _running = _running with { Engine = _running.Engine with { Pools = next.Engine.Pools } };
            if (restart.Count > 0)
            {
                warnings.Set(WarningKey, $"{path}: {string.Join(", ", restart)} changed and take effect at the next restart; pools are applied");
            }
            else
            {
                warnings.Clear(WarningKey);
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool Reject(string reason)
    {
        ServerLog.ConfigReloadRejected(logger, path, reason);
        metrics.Rejected();
        warnings.Set(WarningKey, $"{path} was not applied; the last good configuration keeps running: {reason}");
        return false;
    }

    /// <summary>A key the file changed that an operator overrode at run time: the override wins, and the log says so.</summary>
    private void ReportOverrides(HangarConfig next)
    {
        foreach (var pool in next.Engine.Pools)
        {
            if (pools.FindOverride(pool.Name) is not { } o)
            {
                continue;
            }

            if (o.Enabled is { } enabled && enabled != pool.Enabled)
            {
                ServerLog.ConfigReloadOverrideWins(logger, pool.Name, "enabled", Lower(pool.Enabled), Lower(enabled), o.SetBy);
            }

            if (o.MinIdle is { } min && min != pool.MinIdle)
            {
                ServerLog.ConfigReloadOverrideWins(logger, pool.Name, "min_idle", pool.MinIdle.ToString(System.Globalization.CultureInfo.InvariantCulture), min.ToString(System.Globalization.CultureInfo.InvariantCulture), o.SetBy);
            }

            if (o.MaxRunners is { } max && max != pool.MaxRunners)
            {
                ServerLog.ConfigReloadOverrideWins(logger, pool.Name, "max_runners", pool.MaxRunners.ToString(System.Globalization.CultureInfo.InvariantCulture), max.ToString(System.Globalization.CultureInfo.InvariantCulture), o.SetBy);
            }
        }
    }

    private static string Lower(bool value) => value ? "true" : "false";

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "-" : string.Join(",", names);
}
