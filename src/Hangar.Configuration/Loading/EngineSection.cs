using Hangar.Engine;

namespace Hangar.Configuration.Loading;

/// <summary>The engine's settings, written under <c>server</c> in the file (pools and provider limits are added by the loader).</summary>
internal static class EngineSection
{
    public static EngineOptions Read(MappingReader? server)
    {
        var defaults = new EngineOptions();
        if (server is null)
        {
            return defaults;
        }

        var converge = server.Duration("converge_interval") ?? defaults.ConvergeInterval;
        var runnerStatus = server.Duration("observe_interval") ?? defaults.ObserveInterval;
        var loops = LoopsSection.Read(server.Mapping("loops", LoopsSection.Keys), ref converge, ref runnerStatus);
        return new EngineOptions
        {
            ControllerId = server.Matching("controller_id", ConfigPatterns.RunnerNamePart(), "1 to 40 of a-z, 0-9 and '-'") ?? defaults.ControllerId,
            ConvergeInterval = converge,
            ObserveInterval = runnerStatus,
            Loops = loops,
            DeliveryRetention = server.Duration("delivery_retention") ?? defaults.DeliveryRetention,
            Leases = ReadLeases(server, defaults.Leases),
            ScaleSets = ReadScaleSets(server.Mapping("scale_sets", ScaleSetKeys)),
        };
    }

    /// <summary><c>server.replica</c> and <c>server.leases</c>: a renewal must come well within a lease.</summary>
    private static LeaseOptions ReadLeases(MappingReader server, LeaseOptions defaults)
    {
        var replica = server.Matching("replica", ConfigPatterns.RunnerNamePart(), "1 to 40 of a-z, 0-9 and '-'") ?? defaults.Replica;
        if (server.Mapping("leases", ServerSection.LeaseKeys) is not { } leases)
        {
            return defaults with { Replica = replica };
        }

        var duration = leases.Duration("duration") ?? defaults.Duration;
        var renewEvery = leases.Duration("renew_every");
        if (renewEvery is { } renew && renew * 2 > duration)
        {
            leases.Context.Error(leases.Node("renew_every")!.Start, $"{leases.At("renew_every")}: must be at most half of server.leases.duration, so a lease is renewed at least twice before it runs out");
        }

        return new LeaseOptions { Replica = replica, Duration = duration, RenewEvery = renewEvery };
    }

    private static readonly string[] ScaleSetKeys = ["conflict_retry_min", "conflict_retry_max", "conflict_alert_after", "error_backoff_first", "error_backoff_max"];

    /// <summary><c>server.scale_sets</c>: how scale-set listeners wait between attempts.</summary>
    private static ScaleSetOptions ReadScaleSets(MappingReader? section)
    {
        var defaults = new ScaleSetOptions();
        if (section is null)
        {
            return defaults;
        }

        var options = new ScaleSetOptions
        {
            ConflictRetryMin = section.Duration("conflict_retry_min") ?? defaults.ConflictRetryMin,
            ConflictRetryMax = section.Duration("conflict_retry_max") ?? defaults.ConflictRetryMax,
            ConflictAlertAfter = section.Duration("conflict_alert_after") ?? defaults.ConflictAlertAfter,
            ErrorBackoffFirst = section.Duration("error_backoff_first") ?? defaults.ErrorBackoffFirst,
            ErrorBackoffMax = section.Duration("error_backoff_max") ?? defaults.ErrorBackoffMax,
        };
        if (options.ConflictRetryMax < options.ConflictRetryMin)
        {
            section.Context.Error(section.Node("conflict_retry_max")?.Start ?? section.Owner, $"{section.Path}: conflict_retry_max must not be below conflict_retry_min");
        }

        return options;
    }
}
