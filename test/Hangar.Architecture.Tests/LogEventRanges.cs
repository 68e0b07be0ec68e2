namespace Hangar.Architecture.Tests;

/// <summary>
/// The EventId ranges of every area (HELPER-RULES.md and docs/architecture.md list the same table). A log class's
/// events fall in the narrowest range whose area holds its namespace. A range whose namespace does not exist yet
/// reserves its ids for the area that issue will add.
/// </summary>
internal static class LogEventRanges
{
    public static readonly IReadOnlyList<LogEventRange> All =
    [
        new(1000, 1999, "Engine", "Hangar.Engine"),
        new(1000, 1199, "Engine: intake, demand, actuator", "Hangar.Engine.Intake", "Hangar.Engine.Demand", "Hangar.Engine.Actuation"),
        new(1200, 1499, "Engine: reconcile passes", "Hangar.Engine.Reconcile"),
        new(1500, 1599, "Engine: leases", "Hangar.Engine.Leases"),
        new(2000, 2999, "Store", "Hangar.Store"),
        new(2000, 2499, "Store: SQLite", "Hangar.Store.Sqlite"),
        new(2500, 2999, "Store: PostgreSQL", "Hangar.Store.Postgres"),
        new(3000, 3999, "Forges", "Hangar.Forges"),
        new(3000, 3299, "Forges: GitHub", "Hangar.Forges.GitHub"),
        new(3300, 3599, "Forges: Gitea", "Hangar.Forges.Gitea"),
        new(3600, 3899, "Forges: Forgejo", "Hangar.Forges.Forgejo"),
        new(4000, 4999, "Providers", "Hangar.Providers"),
        new(4000, 4099, "Providers: Docker", "Hangar.Providers.Docker"),
        new(4100, 4199, "Providers: process", "Hangar.Providers.Process"),
        new(4200, 4299, "Providers: libvirt", "Hangar.Providers.Libvirt"),
        new(4300, 4399, "Providers: Tart", "Hangar.Providers.Tart"),
        new(4400, 4499, "Providers: external", "Hangar.Providers.External"),
        new(5000, 5999, "Server (the host itself: 5000-5099)", "Hangar.Server"),
        new(5040, 5059, "Server: instance metadata and callbacks", "Hangar.Server.Instances"),
        new(5100, 5199, "Server: webhooks and demand endpoints", "Hangar.Server.Webhooks"),
        new(5200, 5299, "Server: REST API", "Hangar.Server.Api"),
        new(5300, 5399, "Server: dashboard", "Hangar.Server.Dashboard"),
        new(5400, 5499, "Server: gateway and RabbitMQ intake", "Hangar.Server.Gateway", "Hangar.Server.RabbitMq"),
        new(5500, 5599, "Server: agent (gRPC)", "Hangar.Server.Agent"),
        new(6000, 6999, "Configuration", "Hangar.Configuration"),
        new(7000, 7999, "CLI", "Hangar.Cli"),
        new(8000, 8999, "Emulator (GitHub: 8000-8299)", "Hangar.Emulator"),
        new(8300, 8599, "Emulator: Gitea", "Hangar.Emulator.Gitea"),
        new(8600, 8899, "Emulator: Forgejo", "Hangar.Emulator.Forgejo"),
        new(8900, 8999, "Emulator: emulated runner", "Hangar.Emulator.Runner"),
    ];

    /// <summary>The narrowest range of <paramref name="ranges"/> whose area holds <paramref name="ns"/>.</summary>
    public static LogEventRange? For(string ns, IReadOnlyList<LogEventRange> ranges) =>
        ranges.Where(r => r.Match(ns) is not null).OrderByDescending(r => r.Match(ns)).FirstOrDefault();

    /// <summary>Events without a name, sharing an id or a name, or outside their area's range.</summary>
    public static IEnumerable<string> Violations(IReadOnlyList<LogEvent> events, IReadOnlyList<LogEventRange> ranges)
    {
        foreach (var e in events.Where(e => string.IsNullOrEmpty(e.Name)))
        {
            yield return $"{e}: set EventName";
        }

        foreach (var same in events.GroupBy(e => e.Id).Where(g => g.Count() > 1))
        {
            yield return $"EventId {same.Key} is used {same.Count()} times: {string.Join(", ", same)}";
        }

        foreach (var same in events.Where(e => !string.IsNullOrEmpty(e.Name)).GroupBy(e => e.Name).Where(g => g.Count() > 1))
        {
            yield return $"EventName {same.Key} is used {same.Count()} times: {string.Join(", ", same)}";
        }

        foreach (var e in events)
        {
            if (For(e.Namespace, ranges) is not { } range)
            {
                yield return $"{e}: {e.Namespace} has no EventId range in {nameof(LogEventRanges)}";
            }
            else if (!range.Holds(e.Id))
            {
                yield return $"{e}: outside {range}";
            }
        }
    }

    /// <summary>A range inside another's area lies inside its ids; ranges of unrelated areas share no id.</summary>
    public static IEnumerable<string> TableViolations(IReadOnlyList<LogEventRange> ranges)
    {
        for (var i = 0; i < ranges.Count; i++)
        {
            for (var j = i + 1; j < ranges.Count; j++)
            {
                var (a, b) = (ranges[i], ranges[j]);
                var aInB = a.Areas.All(area => b.Match(area) is not null);
                var bInA = b.Areas.All(area => a.Match(area) is not null);
                if (aInB && !b.Contains(a))
                {
                    yield return $"{a} lies in the area of {b} but not in its ids";
                }
                else if (bInA && !a.Contains(b))
                {
                    yield return $"{b} lies in the area of {a} but not in its ids";
                }
                else if (!aInB && !bInA && a.Overlaps(b))
                {
                    yield return $"{a} and {b} share ids";
                }
            }
        }
    }
}
