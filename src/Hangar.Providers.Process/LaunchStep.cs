namespace Hangar.Providers.Process;

/// <summary>The points of a launch where Hangar could die, in order; see <see cref="ProcessProviderOptions.LaunchCheckpoint"/>.</summary>
internal enum LaunchStep
{
    /// <summary>The intent (a record without a pid) is on disk; nothing is started yet.</summary>
    IntentRecorded,

    /// <summary>The runner is started; its pid is not recorded yet.</summary>
    Started,
}
