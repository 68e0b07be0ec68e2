using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Hangar.Architecture.Tests;

/// <summary>Every log event of src/ is named, unique and in its area's EventId range.</summary>
public sealed class LogEventsTests
{
    private static readonly Lazy<IReadOnlyList<LogEvent>> Events = new(() =>
    [
        .. BuiltAssemblies.Sources.Select(BuiltAssemblies.Load).SelectMany(a => a.GetTypes()).SelectMany(EventsOf),
    ]);

    [Fact]
    public void Events_OfTheSources_SeenWithTheirAttributes()
    {
        Events.Value.ShouldContain(new LogEvent("Hangar.Server.ServerLog", "Hangar.Server", "Started", 5001, "Started"));
        Events.Value.Select(e => e.Namespace).ShouldContain("Hangar.Engine.Reconcile");
        Events.Value.Select(e => e.Namespace).ShouldContain("Hangar.Emulator");
    }

    [Fact]
    public void Events_OfTheSources_NamedUniqueAndInTheirRange()
    {
        LogEventRanges.Violations(Events.Value, LogEventRanges.All).ShouldBeEmpty();
    }

    [Fact]
    public void Ranges_OfTheTable_NestAndNeverOverlap()
    {
        LogEventRanges.TableViolations(LogEventRanges.All).ShouldBeEmpty();
    }

    [Fact]
    public void Violations_OfHandMadeEvents_EachReported()
    {
        LogEventRange[] ranges = [new(1, 99, "A", "A"), new(10, 19, "A.B and A.C", "A.B", "A.C")];
        LogEvent[] events =
        [
            new("A.Log", "A", "Fine", 1, "Fine"),
            new("A.Log", "A", "Unnamed", 2, null),
            new("A.B.Log", "A.B", "Same", 10, "Same"),
            new("A.C.Log", "A.C.D", "AlsoTen", 10, "Same"),
            new("A.B.Log", "A.B", "TooHigh", 20, "TooHigh"),
            new("Z.Log", "Z", "Nowhere", 50, "Nowhere"),
        ];

        var violations = LogEventRanges.Violations(events, ranges).ToList();

        violations.ShouldBe(
        [
            "A.Log.Unnamed (2, no EventName): set EventName",
            "EventId 10 is used 2 times: A.B.Log.Same (10, Same), A.C.Log.AlsoTen (10, Same)",
            "EventName Same is used 2 times: A.B.Log.Same (10, Same), A.C.Log.AlsoTen (10, Same)",
            "A.B.Log.TooHigh (20, TooHigh): outside 10-19 A.B and A.C",
            "Z.Log.Nowhere (50, Nowhere): Z has no EventId range in LogEventRanges",
        ]);
    }

    [Fact]
    public void TableViolations_OfAHandMadeTable_EachReported()
    {
        LogEventRange[] ranges =
        [
            new(1, 99, "A", "A"),
            new(90, 120, "A.B", "A.B"),
            new(10, 19, "A.C", "A.C"),
            new(15, 29, "A.D", "A.D"),
            new(200, 299, "AB", "AB"),
        ];

        var violations = LogEventRanges.TableViolations(ranges).ToList();

        violations.ShouldBe(
        [
            "90-120 A.B lies in the area of 1-99 A but not in its ids",
            "10-19 A.C and 15-29 A.D share ids",
        ]);
    }

    private static IEnumerable<LogEvent> EventsOf(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => new LogEvent(type.FullName!, type.Namespace ?? "", m.Method.Name, m.Attribute!.EventId, m.Attribute.EventName));
}
