using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Hangar.Cli.Commands;

/// <summary><c>hangar jobs recheck ID [--forge F] [--attempt N]</c>: look a job up at its forge now and apply what it says.</summary>
internal static class JobsRecheckCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("id") { Description = "The job's id at its forge (see hangar jobs list)." };
        var forge = new Option<string>("--forge") { Description = "The forge the job is from, as configured.", DefaultValueFactory = _ => "github" };
        var attempt = new Option<long>("--attempt") { Description = "The job's attempt, for forges that key re-runs by attempt (Gitea, Forgejo)." };
        return WriteCommand.Create(
            "recheck",
            "Look a job up at its forge now and apply what the forge says (needs an admin token).",
            [id, forge, attempt],
            (parse, http, ct) => http.PostAsync(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"api/v1/jobs/{Uri.EscapeDataString(parse.GetValue(forge)!)}/{parse.GetValue(id)}/recheck?attempt={parse.GetValue(attempt)}"),
                content: null,
                ct),
            Describe);
    }

    private static string Describe(JsonElement answer)
    {
        var job = answer.GetProperty("job");
        var name = $"job {WriteCommand.Text(job, "forge")}/{WriteCommand.Text(job, "id")}";
        return answer.GetProperty("found_at_forge").GetBoolean()
            ? $"{name}: {WriteCommand.Text(job, "status")} (as its forge says now)"
            : $"{name}: its forge does not know it; {WriteCommand.Text(job, "status")} here (closed after repeated misses)";
    }
}
