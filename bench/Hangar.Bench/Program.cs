using Hangar.Bench.Harness;
using Hangar.Bench.Decision;
using Hangar.Bench.EndToEnd;
using Hangar.Bench.FanOut;
using Hangar.Bench.Gateway;
using Hangar.Bench.Footprint;
using Hangar.Bench.Intake;
using Hangar.Bench.Scale;
using Hangar.Bench.Tiers;
using Hangar.Emulator;

// bench [all|intake|gateway|decision|fanout|e2e|tiers|scale|planner|footprint]... [--quick]   (planner: the planner part of scale alone)   (child modes: see ChildModes)
if (args.Length > 0 && args[0] == "child")
{
    return await ChildModes.RunAsync(args[1..]).ConfigureAwait(false);
}

var quick = args.Contains("--quick");
var selected = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
if (selected.Count == 0 || selected.Contains("all"))
{
    selected = ["intake", "gateway", "decision", "fanout", "e2e", "tiers", "scale", "footprint"];
}

var options = new BenchOptions
{
    Quick = quick,
    RepoRoot = EmulatedRunnerBinary.SourceTree() ?? throw new InvalidOperationException("cannot find Hangar.slnx above " + AppContext.BaseDirectory),
};
BenchOptions.RemoveDeadRunsWorkDirs();
Directory.CreateDirectory(options.WorkDir);
var report = new Report();
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// A stopped run (SIGTERM: a timeout, a CI step cancelled) ends as Ctrl-C does: each bench's finally removes its
// containers, children and directories, instead of the runtime exiting past them.
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});

var benches = new (string Name, Func<CancellationToken, Task> Run)[]
{
    ("intake", ct => new IntakeBench(options, report).RunAsync(ct)),
    ("gateway", ct => new GatewayBench(options, report).RunAsync(ct)),
    ("decision", ct => new DecisionBench(options, report).RunAsync(ct)),
    ("fanout", ct => new FanOutBench(options, report).RunAsync(ct)),
    ("e2e", ct => new EndToEndBench(options, report).RunAsync(ct)),
    ("tiers", ct => new TiersBench(options, report).RunAsync(ct)),
    ("scale", ct => new ScaleBench(options, report).RunAsync(ct)),
    ("planner", _ => new ScaleBench(options, report).RunPlannerOnly()),
    ("footprint", ct => new FootprintBench(options, report).RunAsync(ct)),
};

foreach (var (name, run) in benches.Where(b => selected.Contains(b.Name)))
{
    Report.Say($"{name} ...");
    try
    {
        await run(cancel.Token).ConfigureAwait(false);
    }
    catch (Exception ex)
    {
        report.Fail(name, ex);
    }
}

try
{
    Directory.Delete(options.WorkDir, recursive: true);
}
catch (IOException)
{
}

foreach (var failure in report.Failures)
{
    Console.Out.WriteLine($"FAILED {failure}");
}

return report.Failures.Count == 0 ? 0 : 1;
