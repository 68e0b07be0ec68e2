using System.CommandLine;
using System.Text.Json;
using Hangar.Cli.Api;
using Hangar.Cli.Output;
using Spectre.Console;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar pools show NAME</c>: one pool's settings and condition, its live runners and the jobs queued for it
/// (oldest first, with their age). JSON and YAML: <c>{"pool": …, "runners": […], "queued_jobs": […]}</c>, each part as
/// <c>/api/v1/pools/NAME</c>, <c>…/runners</c> and <c>…/jobs?status=queued</c> give it.
/// </summary>
internal static class PoolShowCommand
{
    private static readonly string[] Fields =
        ["name", "forge", "target", "labels", "provider", "enabled", "min_idle", "max_runners", "priority", "queued_jobs", "runners", "state", "last_error", "owner", "replica"];

    public static Command Create()
    {
        var show = new ApiCommand("show", "One pool: settings, condition, runners and queued jobs.");
        var name = new Argument<string>("name") { Description = "The pool's name." };
        show.Command.Arguments.Add(name);
        show.SetAction(async (api, format, parse, ct) =>
        {
            var escaped = Uri.EscapeDataString(parse.GetValue(name)!);
            var pool = await api.GetAsync($"api/v1/pools/{escaped}", ct);
            var runners = await api.ListAsync($"api/v1/pools/{escaped}/runners", null, ct);
            var queued = await api.ListAsync($"api/v1/pools/{escaped}/jobs?status=queued", null, ct);
            var data = JsonOutput.Object([("pool", pool), ("runners", JsonOutput.Array(runners.Items)), ("queued_jobs", JsonOutput.Array(queued.Items))]);
            CommandOutput.Write(format, data, console => WriteTable(console, pool, runners.Items, queued.Items, TimeProvider.System.GetUtcNow()));
            return ExitCodes.Ok;
        });
        return show.Command;
    }

    private static void WriteTable(IAnsiConsole console, JsonElement pool, IReadOnlyList<JsonElement> runners, IReadOnlyList<JsonElement> queued, DateTimeOffset now)
    {
        console.Write(Cells.Details(pool, Fields, (property, value) => property switch
        {
            "state" => Styles.State(Cells.Text(value)),
            "last_error" => Styles.Error(Cells.Text(value)),
            _ => null,
        }));
        console.WriteLine();
        console.Write(new Rule($"Runners ({runners.Count})").LeftJustified());
        if (runners.Count > 0)
        {
            var table = Cells.Table("name", "state", "for", "job_id", "last_error");
            foreach (var r in runners)
            {
                table.AddRow(Markup.Escape(Cells.Text(r, "name")), Styles.State(Cells.Text(r, "state")),
                    Ages.Since(Cells.Time(r, "state_changed_at"), now), Cells.Text(r, "job_id"), Styles.Error(Cells.Text(r, "last_error")));
            }

            console.Write(table);
        }

        console.Write(new Rule($"Queued jobs ({queued.Count})").LeftJustified());
        if (queued.Count > 0)
        {
            console.Write(QueueTable.Create(queued, now));
        }
    }
}
