using System.Diagnostics;

namespace Hangar.Providers.Libvirt;

/// <summary>
/// Runs virsh, qemu-img and the ISO tool: arguments as a list (never a shell line), a deadline on the injected clock
/// after which the tool's process tree is killed, and stdout/stderr read to the end so a chatty tool cannot block.
/// </summary>
internal sealed class ToolRunner(TimeSpan timeout, TimeProvider time)
{
    public async Task<ToolResult> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // virsh prints localised messages; the provider recognises a few of them.
        start.Environment["LC_ALL"] = "C";
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {tool}: {e.Message}", e);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{tool} {string.Join(' ', start.ArgumentList.Take(4))} did not finish within {timeout.TotalSeconds:0} s and was killed");
        }

        return new ToolResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
