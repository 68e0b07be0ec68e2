using System.Diagnostics;
using System.Globalization;

namespace Hangar.Bench.Intake;

/// <summary>One wrk run: closed loop, fixed connections, as fast as the server answers.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors)
{
    public static async Task<WrkResult> RunAsync(string url, string requestsFile, string salt, int seconds, int threads, int connections, CancellationToken ct)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Intake", "intake.lua");
        var start = new ProcessStartInfo("wrk",
        [
            "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s", "-s", script, url + "/webhooks/github",
            "--", requestsFile, threads.ToString(CultureInfo.InvariantCulture), salt,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start wrk");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk gave no result (exit {process.ExitCode}): {output} {await stderr.ConfigureAwait(false)}");
        var f = line.Split(' ');
        var requests = long.Parse(f[1], CultureInfo.InvariantCulture);
        var durationUs = double.Parse(f[2], CultureInfo.InvariantCulture);
        var errors = long.Parse(f[3], CultureInfo.InvariantCulture) + long.Parse(f[4], CultureInfo.InvariantCulture);
        return new WrkResult(
            requests / (durationUs / 1e6),
            double.Parse(f[5], CultureInfo.InvariantCulture) / 1000,
            double.Parse(f[6], CultureInfo.InvariantCulture) / 1000,
            requests,
            errors);
    }

    public static bool Available()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("wrk", ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true });
            p?.WaitForExit(5000);
            return p is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
