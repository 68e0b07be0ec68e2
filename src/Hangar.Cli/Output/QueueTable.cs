using System.Text.Json;
using Spectre.Console;

namespace Hangar.Cli.Output;

/// <summary>Queued jobs oldest first with their age, as <c>hangar status</c> and <c>hangar pools show</c> print them.</summary>
internal static class QueueTable
{
    /// <summary>A job queued this long is worth a look (no runner came for it in a normal boot time).</summary>
    public static readonly TimeSpan Worrying = TimeSpan.FromMinutes(5);

    /// <param name="jobs">Newest first, as the API lists them.</param>
    /// <param name="reason">Show the unroutable reason instead of the pool.</param>
    public static Table Create(IReadOnlyList<JsonElement> jobs, DateTimeOffset now, int? top = null, bool reason = false)
    {
        var table = Cells.Table("age", "id", "repository", "labels", reason ? "reason" : "pool");
        var oldestFirst = jobs.Reverse();
        foreach (var job in top is { } n ? oldestFirst.Take(n) : oldestFirst)
        {
            var age = Cells.Time(job, "queued_at") is { } at ? Styles.Age(now - at, Worrying) : "";
            table.AddRow(age, Markup.Escape(Cells.Text(job, "id")), Markup.Escape(Cells.Text(job, "repository")), Markup.Escape(Cells.Text(job, "labels")),
                reason ? Styles.Error(Cells.Text(job, "unroutable_reason")) : Markup.Escape(Cells.Text(job, "pool")));
        }

        return table;
    }
}
