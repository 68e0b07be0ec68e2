using Hangar.Core.Providers;
using Hangar.Testing.Providers;

namespace Hangar.Providers.Process.Tests;

/// <summary>The provider contract with real local processes in a work directory of this test's own.</summary>
public sealed class ProcessProviderContractTests : ProviderContractTests
{
    private readonly ProcessRunners _runners = new();

    public override async ValueTask DisposeAsync()
    {
        _runners.Dispose();
        await base.DisposeAsync();
    }

    protected override IProvider NewProvider(string controllerId) => _runners.NewProvider(controllerId);

    protected override RunnerSpec Spec(string name, string pool, string script) => new()
    {
        Name = name,
        Pool = pool,
        Labels = ["self-hosted"],
        Command = ["sh", "-c", script],
    };

    /// <summary>Runner directories recorded for the controller, and anything else in the work directory (a failed
    /// create must leave nothing).</summary>
    protected override Task<IReadOnlyList<string>> MachinesOutsideAsync(string controllerId)
    {
        IReadOnlyList<string> names =
        [
            .. Directory.EnumerateFileSystemEntries(_runners.WorkDir)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(name => _runners.RecordOf(name) is not { } record || record.ControllerId == controllerId),
        ];
        return Task.FromResult(names);
    }

    protected override Task<bool> RunsOutsideAsync(string name) =>
        Task.FromResult(_runners.RecordOf(name) is { } record
            && record.Pid is { } pid
            && ProcStat.Read(pid) is { IsAlive: true } stat
            && stat.StartTime == record.StartTime);

    protected override async Task<string?> ReadOutputAsync(string name, string file)
    {
        var path = Path.Combine(_runners.WorkOf(name), file);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, Ct) : null;
    }

    protected override (RunnerSpec Spec, string Missing) Unrunnable(RunnerSpec spec) =>
        (spec with { Command = ["hangar-no-such-runner", "--once"] }, "hangar-no-such-runner");
}
