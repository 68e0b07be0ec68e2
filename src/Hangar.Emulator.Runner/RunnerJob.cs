namespace Hangar.Emulator.Runner;

internal sealed record RunnerJob(long Id, string Name, TimeSpan Duration);
