using System.Diagnostics;
using System.Text.Json;

namespace Hangar.Providers.Tart;

/// <summary>
/// The <c>tart</c> commands the provider uses. Each call has a deadline on the injected clock, after which tart is
/// killed; a failure throws with tart's own message. <c>tart run</c> is the VM's lifetime, so it is started detached
/// (its own session, output to the VM's log) and outlives Hangar.
/// </summary>
internal sealed class TartCli(TartProviderOptions options, TimeProvider time)
{
    /// <summary>The local VMs.</summary>
    public async Task<IReadOnlyList<TartVm>> ListAsync(CancellationToken ct) =>
        [.. (await ListAllAsync(ct).ConfigureAwait(false)).Where(vm => vm.Local)];

    /// <summary>The local VMs and the OCI images Tart has pulled.</summary>
    public async Task<IReadOnlyList<TartVm>> ListAllAsync(CancellationToken ct)
    {
        var output = await RunAsync(["list", "--format", "json"], ct).ConfigureAwait(false);
        using var json = JsonDocument.Parse(output);
        return
        [
            .. json.RootElement.EnumerateArray()
                .Select(vm => new TartVm(
                    vm.GetProperty("Name").GetString() ?? "",
                    vm.TryGetProperty("State", out var state) ? state.GetString() ?? "" : vm.TryGetProperty("Running", out var running) && running.GetBoolean() ? "running" : "stopped",
                    vm.TryGetProperty("Source", out var source) ? source.GetString() ?? "" : TartVm.LocalSource)),
        ];
    }

    public Task PullAsync(string image, CancellationToken ct) =>
        RunAsync(options.Executable, ["pull", image], options.PullTimeout, "pull_timeout", ct);

    public Task CloneAsync(string image, string name, CancellationToken ct) => RunAsync(["clone", image, name], ct);

    public Task SetAsync(string name, IEnumerable<string> settings, CancellationToken ct) => RunAsync(["set", name, .. settings], ct);

    public Task StopAsync(string name, CancellationToken ct) => RunAsync(["stop", name], ct);

    public Task DeleteAsync(string name, CancellationToken ct) => RunAsync(["delete", name], ct);

    /// <summary>
    /// Starts <c>tart run</c>, which lasts as long as the VM, and returns its process without waiting: <c>sh</c> execs
    /// into it with its output in <paramref name="log"/>, so it needs no pipe of Hangar's and runs on after Hangar.
    /// </summary>
    public Process Start(string name, IEnumerable<string> arguments, string log)
    {
        var line = string.Join(' ', new[] { options.Executable, "run", name, "--no-graphics" }.Concat(arguments).Select(Quote));
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec {line} </dev/null >{Quote(log)} 2>&1");
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"cannot start tart run {name}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start tart run {name}: {e.Message}", e);
        }
    }

    private Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct) =>
        RunAsync(options.Executable, arguments, options.CommandTimeout, null, ct);

    /// <param name="setting">The configuration key of <paramref name="timeout"/>, named when it runs out.</param>
    private async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, string? setting, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {tool}: {e.Message}", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tart {arguments[0]} did not finish within {timeout.TotalSeconds:0} s{(setting is null ? "" : $" ({setting})")} and was killed");
        }

        if (process.ExitCode != 0)
        {
            var message = (await stderr.ConfigureAwait(false)).Trim();
            throw new InvalidOperationException($"tart {string.Join(' ', arguments.Take(2))} failed: {(message.Length > 0 ? message : $"exit code {process.ExitCode}")}");
        }

        return await stdout.ConfigureAwait(false);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
