using Hangar.Cli.Output;
using Spectre.Console;

namespace Hangar.Cli.Demo;

/// <summary>
/// How <c>hangar demo</c> shows a run. On a terminal: a live progress display (jobs started, jobs completed, clean-up
/// of runners, machines and registrations) redrawn in place, with the run's notes above it. Anywhere else (a pipe, a
/// CI log, <c>-o json</c>, <c>NO_COLOR</c>): plain <c>demo: …</c> lines, one per change, to standard output, or to
/// standard error under <c>-o json</c> so standard output stays one JSON document.
/// </summary>
internal sealed class DemoDisplay(bool live, TextWriter plain)
{
    /// <summary>The scenario's own notes and, when <see cref="Progress"/> is null, its progress lines.</summary>
    public delegate Task<T> Run<T>(Action<string> say, Action<DemoProgress>? progress);

    public static DemoDisplay For(bool json)
    {
        var console = CliConsole.Create();
        // The live display needs cursor movement: a terminal whose console kept ANSI on (not NO_COLOR, not TERM=dumb).
        var live = !json && CliConsole.IsTerminal && console.Profile.Capabilities.Ansi;
        return new DemoDisplay(live, json ? Console.Error : Console.Out);
    }

    public void Say(string line) => plain.WriteLine($"demo: {line}");

    public Task<T> RunAsync<T>(Run<T> run) => live ? RunLiveAsync(run) : run(Say, null);

    private static async Task<T> RunLiveAsync<T>(Run<T> run)
    {
        var console = CliConsole.Create();
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var started = context.AddTask("jobs started", autoStart: true, maxValue: 1);
                var completed = context.AddTask("jobs completed", autoStart: true, maxValue: 1);
                var cleanup = context.AddTask("clean-up", autoStart: true, maxValue: 1);
                started.IsIndeterminate = completed.IsIndeterminate = cleanup.IsIndeterminate = true;
                void Show(DemoProgress p)
                {
                    started.IsIndeterminate = completed.IsIndeterminate = p.JobsTotal == 0;
                    started.MaxValue = completed.MaxValue = Math.Max(1, p.JobsTotal);
                    started.Value = p.JobsCompleted + p.JobsRunning;
                    started.Description = $"jobs started    {p.JobsCompleted + p.JobsRunning,4}/{p.JobsTotal} ({p.JobsRunning} running)";
                    completed.Value = p.JobsCompleted;
                    completed.Description = $"jobs completed  {p.JobsCompleted,4}/{p.JobsTotal}  {p.Elapsed.TotalSeconds:0.0} s";
                    var left = (p.RunnersLive ?? 0) + p.Machines + p.Registrations;
                    cleanup.Description = $"clean-up        {(p.RunnersLive is { } r ? $"{r} runners, " : "")}{p.Machines} machines, {p.Registrations} registrations left";
                    cleanup.IsIndeterminate = p.JobsCompleted < p.JobsTotal;
                    cleanup.Value = p.JobsCompleted == p.JobsTotal && left == 0 ? 1 : 0;
                }

                result = await run(line => console.MarkupLine($"[grey]demo:[/] {Markup.Escape(line)}"), Show).ConfigureAwait(false);
                foreach (var task in new[] { started, completed, cleanup })
                {
                    task.IsIndeterminate = false;
                    task.StopTask();
                }
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>The summary as a two-column table (plain where colours are not wanted).</summary>
    public static void WriteSummary(IEnumerable<(string Name, string Value)> rows, bool success)
    {
        var console = CliConsole.Create();
        var table = new Table().Border(TableBorder.Rounded).AddColumn("[bold]demo[/]").AddColumn("");
        foreach (var (name, value) in rows)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        table.AddRow("[bold]result[/]", success ? "[bold green]ok[/]" : "[bold red]FAILED[/]");
        console.WriteLine();
        console.Write(table);
    }
}
