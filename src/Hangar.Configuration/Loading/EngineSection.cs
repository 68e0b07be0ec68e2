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
        };
    }
}
