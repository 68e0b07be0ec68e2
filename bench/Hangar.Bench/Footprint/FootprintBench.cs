using System.Diagnostics;
using System.Globalization;
using Hangar.Bench.Harness;

namespace Hangar.Bench.Footprint;

/// <summary>
/// Footprint of the real <c>hangar serve</c> (the Release build of src/Hangar.Cli, a one-pool configuration, SQLite,
/// text logs): time from process start to <c>/readyz</c> = 200 and RSS once idle, against a bare Kestrel app started
/// the same way (<c>dotnet</c> + one dll) in the same rounds.
/// </summary>
internal sealed class FootprintBench(BenchOptions options, Report report)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public async Task RunAsync(CancellationToken ct)
    {
        var hangarDll = Path.Combine(options.RepoRoot, "src", "Hangar.Cli", "bin", "Release", "net10.0", "hangar.dll");
        if (!File.Exists(hangarDll))
        {
            throw new FileNotFoundException("build the solution in Release first (bash bench/run.sh does)", hangarDll);
        }

        var bareStart = new List<double>();
        var bareRss = new List<double>();
        var hangarStart = new List<double>();
        var hangarRss = new List<double>();
        var barePrivate = new List<double>();
        var hangarPrivate = new List<double>();
        for (var round = 0; round < options.FootprintRounds; round++)
        {
            foreach (var isHangar in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var port = ChildServer.FreePort();
                var url = $"http://127.0.0.1:{port}";
                await using var child = isHangar ? StartHangar(hangarDll, url) : await ChildServer.StartAsync(["bare", url], ct).ConfigureAwait(false);
                var ready = await child.WaitReadyAsync(TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
                await Task.Delay(Settle, ct).ConfigureAwait(false);
                var rss = ProcessMemory.RssMb(child.Pid);
                var own = ProcessMemory.PrivateMb(child.Pid);
                Report.Say($"footprint round {round} {(isHangar ? "hangar" : "bare")}: ready in {ready:0} ms, idle rss {rss:0.0} MB (private {own:0.0} MB)");
                (isHangar ? hangarPrivate : barePrivate).Add(own);
                (isHangar ? hangarStart : bareStart).Add(ready);
                (isHangar ? hangarRss : bareRss).Add(rss);
            }
        }

        report.Add(new Figure("footprint.start-to-ready", Stats.Median(hangarStart), "ms", "bare-kestrel-first-200", Stats.Median(bareStart)));
        report.Add(new Figure("footprint.idle-rss", Stats.Median(hangarRss), "MB", "bare-kestrel", Stats.Median(bareRss)));
        report.Add(new Figure("footprint.idle-private", Stats.Median(hangarPrivate), "MB", "bare-kestrel", Stats.Median(barePrivate)));
    }

    private ChildServer StartHangar(string dll, string url)
    {
        var dir = options.NewDir("footprint");
        var config = Path.Combine(dir, "hangar.yaml");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
            server:
              listen: {url}
              data_dir: {dir}/data
              controller_id: bench-foot-{Guid.NewGuid().ToString("N")[..8]}
            forges:
              github:
                type: github
                api_url: http://127.0.0.1:9/
                token: {"{"}env: BENCH_GITHUB_TOKEN{"}"}
                webhook_secret: {"{"}env: BENCH_WEBHOOK_SECRET{"}"}
            providers:
              local:
                type: process
                work_dir: {dir}/process
            pools:
              linux:
                forge: github
                repository: acme/app
                labels: [linux, x64]
                provider: local
                command: [/bin/true]
                max_runners: 4

            """));
        var info = new ProcessStartInfo(ChildServer.DotnetHost(), [dll, "serve", "--config", config]);
        info.Environment["BENCH_GITHUB_TOKEN"] = BenchHost.Token;
        info.Environment["BENCH_WEBHOOK_SECRET"] = BenchHost.Secret;
        return ChildServer.StartCommand(info, url);
    }
}
