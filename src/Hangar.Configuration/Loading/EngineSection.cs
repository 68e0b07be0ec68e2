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
}
