using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hangar.Cli.Api;
using Hangar.Cli.Output;
using Spectre.Console;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar jobs show ID</c>: one job by the forge's job id. The same id can exist on two forges, and Gitea and
/// Forgejo re-run a job under its id as a new attempt: the newest matching job is shown (narrow with <c>--forge</c>,
/// <c>--attempt</c>), the others listed under it. JSON and YAML: that job as <c>/api/v1/jobs</c> gives it.
/// </summary>
internal static class JobShowCommand
{
    private static readonly string[] Fields =
        ["id", "forge", "attempt", "repository", "status", "conclusion", "labels", "pool", "unroutable_reason", "runner_name", "queued_at", "started_at", "completed_at", "killed_at", "killed_reason"];

    public static Command Create()
    {
        var show = new ApiCommand("show", "One job: where it was routed, which runner took it, how it ended.");
        var id = new Argument<long>("id") { Description = "The forge's job id (as `hangar jobs list` shows it)." };
        var forge = new Option<string?>("--forge") { Description = "Only the job of this forge (when two forges have the id)." };
        var attempt = new Option<long?>("--attempt") { Description = "This attempt of a re-run job (default: the newest)." };
        show.Command.Arguments.Add(id);
        show.Command.Options.Add(forge);
        show.Command.Options.Add(attempt);
        show.SetAction(async (api, format, parse, ct) =>
        {
            var jobId = parse.GetValue(id);
            var read = await api.ListAsync($"api/v1/jobs?id={jobId.ToString(CultureInfo.InvariantCulture)}", null, ct);
            var matches = read.Items
                .Where(j => parse.GetValue(forge) is not { } f || Cells.Text(j, "forge") == f)
                .Where(j => parse.GetValue(attempt) is not { } a || Cells.Text(j, "attempt") == a.ToString(CultureInfo.InvariantCulture))
                .ToList();
            if (matches.Count == 0)
            {
                throw new CliException($"no job with id {jobId}{(read.Items.Count > 0 ? " matches --forge/--attempt" : "")}", ExitCodes.NotFound);
            }

            var job = matches[0];
            JsonElement? runner = null;
            if (format == OutputFormat.Table && Cells.Text(job, "runner_name") is { Length: > 0 } runnerName)
            {
                runner = await RunnerOrNullAsync(api, runnerName, ct);
            }

            CommandOutput.Write(format, job, console => WriteTable(console, job, read.Items.Where(j => Key(j) != Key(job)).ToList(), runner));
            return ExitCodes.Ok;
        });
        return show.Command;
    }

    private static (string Forge, string Attempt) Key(JsonElement job) => (Cells.Text(job, "forge"), Cells.Text(job, "attempt"));

    // Runners are pruned after their retention; the job outlives them, and its show should not fail for that.
    private static async Task<JsonElement?> RunnerOrNullAsync(ApiClient api, string name, CancellationToken ct)
    {
        try
        {
            return await api.GetAsync($"api/v1/runners/{Uri.EscapeDataString(name)}", ct);
        }
        catch (CliException ex) when (ex.ExitCode == ExitCodes.NotFound)
        {
            return null;
        }
    }

    private static void WriteTable(IAnsiConsole console, JsonElement job, IReadOnlyList<JsonElement> others, JsonElement? runner)
    {
        console.Write(Cells.Details(job, Fields, (property, value) => property switch
        {
            "status" => Styles.State(Cells.Text(value)),
            "unroutable_reason" or "killed_reason" => Styles.Error(Cells.Text(value)),
            "runner_name" when runner is { } r =>
                $"{Markup.Escape(Cells.Text(value))} ({Styles.State(Cells.Text(r, "state"))}{(Cells.Text(r, "last_error") is { Length: > 0 } e ? ": " + Styles.Error(e) : "")})",
            _ => null,
        }));
        if (others.Count > 0)
        {
            console.WriteLine();
            console.Write(new Rule($"Other jobs with this id ({others.Count})").LeftJustified());
            var table = Cells.Table("forge", "attempt", "status", "queued_at", "runner_name");
            foreach (var o in others)
            {
                table.AddRow(Markup.Escape(Cells.Text(o, "forge")), Cells.Text(o, "attempt"), Styles.State(Cells.Text(o, "status")),
                    Markup.Escape(Cells.Text(o, "queued_at")), Markup.Escape(Cells.Text(o, "runner_name")));
            }

            console.Write(table);
        }
    }
}
