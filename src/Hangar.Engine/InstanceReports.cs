using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Core.Storage;

namespace Hangar.Engine;

/// <summary>
/// What a machine says about itself, already authenticated by its instance token (the metadata and callback endpoints
/// today, the agent later). Every report lands in the instance's history. <c>idle</c> moves a booting instance to idle
/// and <c>failed</c> moves it to failed with the message as its error; a report that the lifecycle no longer allows
/// (the forge's view got there first, or the instance moved on) is kept as a history line only. After <c>idle</c> or
/// <c>failed</c> the runner's credential is no longer held for it.
/// </summary>
public sealed class InstanceReports(IStore store, InstanceSecrets secrets, TimeProvider time)
{
    // Enough for a useful line from a bootstrap script, bounded so a machine cannot grow its history without limit.
    private const int MaxMessage = 500;

    /// <summary>Applies a status report; returns the instance as stored afterwards, or null when it is gone.</summary>
    public async Task<Instance?> ReportStatusAsync(
        InstanceIdentity caller, InstanceReportStatus status, string? message, long? agentId, CancellationToken cancellationToken = default)
    {
        var text = Clip(message);
        var word = status.ToString().ToLowerInvariant();
        if (status != InstanceReportStatus.Installing)
        {
            secrets.Forget(caller.Name);
        }

        var current = await store.GetInstanceAsync(caller.Name, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }

        var (to, changes) = status switch
        {
            InstanceReportStatus.Idle => (InstanceState.Idle, new InstanceChanges { ForgeRunnerId = current.ForgeRunnerId is null ? agentId : null }),
            InstanceReportStatus.Failed => (InstanceState.Failed, new InstanceChanges { LastError = $"bootstrap failed: {text}" }),
            _ => ((InstanceState?)null, (InstanceChanges?)null),
        };

        var reason = $"instance reported {word}: {text}";

        // Never from pending: a pending instance is waiting for a create retry, and a report can only come from the
        // machine of the failed attempt (its token is replaced when the retry issues a new one).
        if (to is { } target && InstanceLifecycle.CanMove(current.State, target) && current.State is not InstanceState.Pending)
        {
            try
            {
                return await store.TransitionAsync(caller.Name, target, reason, time.GetUtcNow(), changes, cancellationToken).ConfigureAwait(false);
            }
            catch (IllegalTransitionException)
            {
                // Moved meanwhile (the runner-status pass saw it online first): the report is still worth keeping.
            }
        }

        return await NoteAsync(caller.Name, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps what the machine says it runs (GARM's <c>system-info</c> callback) in its history.</summary>
    public Task<Instance?> ReportSystemInfoAsync(
        InstanceIdentity caller, string? osName, string? osVersion, long? agentId, CancellationToken cancellationToken = default) =>
        NoteAsync(caller.Name, Clip($"system info: os={osName} {osVersion} agent_id={agentId}"), cancellationToken);

    private async Task<Instance?> NoteAsync(string name, string note, CancellationToken cancellationToken)
    {
        try
        {
            await store.AppendInstanceNoteAsync(name, note, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }

        return await store.GetInstanceAsync(name, cancellationToken).ConfigureAwait(false);
    }

    private static string Clip(string? message)
    {
        var text = string.IsNullOrWhiteSpace(message) ? "(no message)" : message.ReplaceLineEndings(" ").Trim();
        return text.Length <= MaxMessage ? text : text[..MaxMessage] + "…";
    }
}
