using System.CommandLine;
using System.Text.Json;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar runners delete NAME [--force]</c>: ask for a runner to go. Without <c>--force</c> a busy runner finishes its
/// job first (it takes no new one) and one without a job is retired now; with it, it is killed now, job and all.
/// </summary>
internal static class RunnersDeleteCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The runner's name (see hangar runners list)." };
        var force = new Option<bool>("--force") { Description = "Kill it now, even in the middle of a job (the job is marked killed by you)." };
        return WriteCommand.Create(
            "delete",
            "Remove a runner: after its job ends, or at once with --force (needs an admin token).",
            [name, force],
            (parse, http, ct) => http.DeleteAsync(
                $"api/v1/runners/{Uri.EscapeDataString(parse.GetValue(name)!)}" + (parse.GetValue(force) ? "?force=true" : ""), ct),
            Describe);
    }

    private static string Describe(JsonElement removal)
    {
        var runner = WriteCommand.Text(removal, "runner");
        return WriteCommand.Text(removal, "outcome") switch
        {
            "killed" => $"runner {runner}: killed now (forced by {WriteCommand.Text(removal, "requested_by")})",
            "after_job" => $"runner {runner}: busy; it takes no new job and is destroyed when its job ends",
            _ => $"runner {runner}: retired now (it held no job)",
        };
    }
}
