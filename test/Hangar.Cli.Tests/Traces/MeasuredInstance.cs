using Hangar.Cli.Traces;

namespace Hangar.Cli.Tests.Traces;

/// <summary>An exported instance of pool <c>linux</c>: created at <c>t0</c>, its create in a slot from 1 s to 3 s, seen
/// online and its first job at the given seconds, destroyed from 60 s to 60.5 s.</summary>
internal static class MeasuredInstance
{
    public static TraceRecord At(DateTimeOffset t0, double online, double firstJob, string name = "r1") => new()
    {
        Kind = TraceRecord.InstanceKind,
        Name = name,
        Pool = "linux",
        Created = t0,
        Provisioning = t0.AddSeconds(1),
        Booting = t0.AddSeconds(3),
        Online = t0.AddSeconds(online),
        FirstJob = t0.AddSeconds(firstJob),
        Deleting = t0.AddSeconds(60),
        Deleted = t0.AddSeconds(60.5),
    };
}
