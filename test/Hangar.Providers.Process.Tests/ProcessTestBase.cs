using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Providers.Process.Tests;

/// <summary>
/// What only the process provider does (sessions, signals, pids, the disk): each test gets its own work directory
/// and controller id, and afterwards every runner recorded there (and any other process the test started) is killed,
/// pass or fail.
/// </summary>
public abstract class ProcessTestBase : IAsyncLifetime
{
    private readonly List<System.Diagnostics.Process> _extraProcesses = [];

    protected ProcessRunners Runners { get; } = new();

    protected string WorkDir => Runners.WorkDir;

    protected string ControllerId { get; } = $"ctl-{Guid.NewGuid():N}";

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        foreach (var process in _extraProcesses)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        Runners.Dispose();
        return ValueTask.CompletedTask;
    }

    protected ProcessProvider NewProvider(string? controllerId = null) => Runners.NewProvider(controllerId ?? ControllerId);

    protected ProcessProvider NewProvider(Func<ProcessProviderOptions, ProcessProviderOptions> configure) => Runners.NewProvider(ControllerId, configure);

    /// <summary>Waits until the runner's <paramref name="file"/> (in its working directory) holds a line, and returns the text.</summary>
    protected async Task<string> OutputAsync(string name, string file)
    {
        var path = Path.Combine(WorkOf(name), file);
        await Poll.UntilAsync(() => File.Exists(path) && File.ReadAllText(path).EndsWith('\n'), TimeSpan.FromSeconds(10), $"the runner to write {file}", Ct);
        return await File.ReadAllTextAsync(path, Ct).Within();
    }

    protected static RunnerSpec Spec(string? name = null, string pool = "pool-a", params string[] command) => new()
    {
        Name = name ?? $"runner-{Guid.NewGuid():N}"[..19],
        Pool = pool,
        Labels = ["self-hosted"],
        Command = command.Length > 0 ? command : ["sh", "-c", "sleep 30"],
    };

    /// <summary>Starts a process outside any provider; it is killed when the test ends.</summary>
    protected System.Diagnostics.Process StartExtra(string file, params string[] arguments)
    {
        var process = System.Diagnostics.Process.Start(file, arguments);
        _extraProcesses.Add(process);
        return process;
    }

    protected string DirOf(string name) => Runners.DirOf(name);

    /// <summary>The runner's working directory, where its command's relative paths land.</summary>
    protected string WorkOf(string name) => Runners.WorkOf(name);

    protected static bool IsAlive(int pid) => ProcessRunners.IsAlive(pid);

    protected static int PidOf(ProviderInstance instance) => int.Parse(instance.ProviderId, System.Globalization.CultureInfo.InvariantCulture);
}
