using System.CommandLine;
using Hangar.Cli.Commands;

var root = new RootCommand("Hangar: ephemeral self-hosted CI runners, one fresh machine per job.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(GatewayCommand.Create());
root.Subcommands.Add(IntakeCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(ForgesCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(EmulatorCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
var pools = ListCommands.Create("pools", "Configured pools with their runners by phase.");
pools.Subcommands.Add(PoolShowCommand.Create());
foreach (var write in PoolsWriteCommands.Create())
{
    pools.Subcommands.Add(write);
}

root.Subcommands.Add(pools);
var runners = ListCommands.Create("runners", "Runner instances and their lifecycle state.");
runners.Subcommands.Add(RunnerShowCommand.Create());
runners.Subcommands.Add(RunnersDeleteCommand.Create());
runners.Subcommands.Add(RunnerLogsCommand.Create());
root.Subcommands.Add(runners);
var jobs = ListCommands.Create("jobs", "Jobs Hangar knows of.");
jobs.Subcommands.Add(JobShowCommand.Create());
jobs.Subcommands.Add(JobsRecheckCommand.Create());
root.Subcommands.Add(jobs);
root.Subcommands.Add(ListCommands.Create("flavors", "Flavors (pools seen by the planner API) with their pressure."));
root.Subcommands.Add(TokensCommand.Create());
root.Subcommands.Add(PressureCommand.Create());
root.Subcommands.Add(ExecCommand.Create());
root.Subcommands.Add(CompletionCommand.Create());
root.Subcommands.Add(StoreCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

// A second declaration keeps the program internal: ASP.NET's generator (pulled in through Hangar.Server) makes a
// top-level Program public for WebApplicationFactory when it is declared once only, and nothing references this one.
internal sealed partial class Program;
