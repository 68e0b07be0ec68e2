using System.CommandLine;
using Hangar.Cli.Api;
using Hangar.Cli.Output;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar status</c>: the fleet on one screen. Pools with their runners by phase and condition, the queue oldest
/// first with ages, the jobs no pool can serve and why, and the latest runners that failed with their error. JSON and
/// YAML: <c>{"pools", "queued_jobs", "unroutable_jobs", "failed_runners"}</c>, each a list in the API's shape.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var status = new ApiCommand("status", "The fleet on one screen: pools, runners by phase, queue, unroutable jobs, failures.");
        var top = new Option<int>("--top") { Description = "Rows per section of the table (queue, unroutable, failures).", DefaultValueFactory = _ => 10 };
        top.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--top must be at least 1");
            }
        });
        status.Command.Options.Add(top);
        status.SetAction(async (api, format, parse, ct) =>
        {
            var pools = await api.ListAsync("api/v1/pools", null, ct);
            var queued = await api.ListAsync("api/v1/jobs?status=queued", null, ct);
            var failed = await api.ListAsync("api/v1/runners?failed=true", parse.GetValue(top), ct);
            var unroutable = queued.Items.Where(j => Cells.Text(j, "unroutable_reason").Length > 0).ToList();
            var waiting = queued.Items.Where(j => Cells.Text(j, "unroutable_reason").Length == 0).ToList();
            var data = JsonOutput.Object([
                ("pools", JsonOutput.Array(pools.Items)),
                ("queued_jobs", JsonOutput.Array(waiting)),
                ("unroutable_jobs", JsonOutput.Array(unroutable)),
                ("failed_runners", JsonOutput.Array(failed.Items)),
            ]);
            var screen = new StatusScreen(api.Server, pools.Items, waiting, unroutable, failed.Items, parse.GetValue(top), TimeProvider.System.GetUtcNow());
            CommandOutput.Write(format, data, screen.Write);
            return ExitCodes.Ok;
        });
        return status.Command;
    }
}
