namespace Hangar.Cli.Demo;

/// <summary>Where a demo run stands at one look: what <c>hangar demo</c> draws as its progress display.</summary>
internal sealed record DemoProgress
{
    /// <summary>Since the jobs were queued.</summary>
    public required TimeSpan Elapsed { get; init; }

    public required int JobsTotal { get; init; }

    public required int JobsCompleted { get; init; }

    public required int JobsRunning { get; init; }

    /// <summary>Runner instances the server's store holds live; null where the scenario does not look at the store.</summary>
    public int? RunnersLive { get; init; }

    public required int Machines { get; init; }

    /// <summary>Runner registrations (rows) still at the forge.</summary>
    public required int Registrations { get; init; }

    /// <summary>The plain-text form: one line, written when it changes where no progress display can be drawn.</summary>
    public string Line => RunnersLive is { } live
        ? $"jobs {JobsCompleted}/{JobsTotal} completed, {JobsRunning} running; runners live {live}, machines {Machines}, registrations {Registrations}"
        : $"jobs {JobsCompleted}/{JobsTotal} completed; machines {Machines}; runner rows {Registrations}";
}
