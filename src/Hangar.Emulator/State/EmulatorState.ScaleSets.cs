using System.Security.Cryptography;

namespace Hangar.Emulator.State;

/// <summary>Runner scale sets and their sessions: the Actions-service side of reference section 6.</summary>
public sealed partial class EmulatorState
{
    private readonly Dictionary<long, EmulatedScaleSet> _scaleSets = [];
    private readonly Dictionary<Guid, EmulatedSession> _sessions = [];
    private long _nextScaleSetId = 1;
    private int _sessionConflicts;

    /// <summary>Every scale set ever created, deleted ones included, oldest first.</summary>
    internal IReadOnlyList<EmulatedScaleSet> ScaleSets
    {
        get
        {
            lock (_gate)
            {
                return [.. _scaleSets.Values.OrderBy(s => s.Id)];
            }
        }
    }

    /// <summary>Live sessions (stale ones included until they expire).</summary>
    internal IReadOnlyList<EmulatedSession> Sessions
    {
        get
        {
            lock (_gate)
            {
                ExpireSessionsLocked();
                return [.. _sessions.Values];
            }
        }
    }

    /// <summary>Session creates refused with 409 so far.</summary>
    public int SessionConflicts => Volatile.Read(ref _sessionConflicts);

    internal IReadOnlyList<EmulatedScaleSet> FindScaleSets(RunnerScope scope, long? groupId, string? name)
    {
        lock (_gate)
        {
            return
            [
                .. _scaleSets.Values.Where(s => !s.Deleted && s.Scope.Matches(scope)
                    && (groupId is null || s.Group.Id == groupId)
                    && (name is null || string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))),
            ];
        }
    }

    internal EmulatedScaleSet? GetScaleSet(RunnerScope scope, long id)
    {
        lock (_gate)
        {
            return _scaleSets.TryGetValue(id, out var set) && !set.Deleted && set.Scope.Matches(scope) ? set : null;
        }
    }

    /// <summary>Creates a scale set; <see cref="StateOutcome.Conflict"/> when the scope has one by that name already.
    /// Jobs still waiting for a deleted set of the same name come to the new one (GitHub re-offers queued jobs).</summary>
    internal StateOutcome CreateScaleSet(RunnerScope scope, string name, RunnerGroup group, IReadOnlyList<string> labels, bool disableUpdate, out EmulatedScaleSet? created)
    {
        lock (_gate)
        {
            created = null;
            if (_scaleSets.Values.Any(s => !s.Deleted && s.Scope.Matches(scope) && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return StateOutcome.Conflict;
            }

            created = new EmulatedScaleSet
            {
                Id = _nextScaleSetId++,
                Name = name,
                Scope = scope,
                Group = group,
                Labels = labels.Count == 0 ? [name] : [.. labels.Distinct(StringComparer.OrdinalIgnoreCase)],
                DisableUpdate = disableUpdate,
                CreatedOn = _time.GetUtcNow(),
            };
            _scaleSets[created.Id] = created;
            OfferWaitingJobsLocked(created);
            PulseLocked();
            return StateOutcome.Ok;
        }
    }

    internal EmulatedScaleSet? UpdateScaleSet(RunnerScope scope, long id, IReadOnlyList<string>? labels, bool? disableUpdate)
    {
        lock (_gate)
        {
            if (!_scaleSets.TryGetValue(id, out var set) || set.Deleted || !set.Scope.Matches(scope))
            {
                return null;
            }

            set = set with
            {
                Labels = labels is { Count: > 0 } ? [.. labels.Distinct(StringComparer.OrdinalIgnoreCase)] : set.Labels,
                DisableUpdate = disableUpdate ?? set.DisableUpdate,
            };
            _scaleSets[id] = set;
            PulseLocked();
            return set;
        }
    }

    /// <summary>Deletes a scale set (as its owner, or GitHub after inactivity, does): its sessions go with it.</summary>
    public bool DeleteScaleSet(long id)
    {
        lock (_gate)
        {
            if (!_scaleSets.TryGetValue(id, out var set) || set.Deleted)
            {
                return false;
            }

            _scaleSets[id] = set with { DeletedAt = _time.GetUtcNow() };
            foreach (var session in _sessions.Values.Where(s => s.ScaleSetId == id).ToList())
            {
                _sessions.Remove(session.Id);
            }

            _inflight.Remove(id);
            _events.Remove(id);
            PulseLocked();
            return true;
        }
    }

    /// <summary>Opens a session: 404 for a missing set, 409 while another session is alive.</summary>
    internal StateOutcome CreateSession(long scaleSetId, string ownerName, out EmulatedSession? session, out bool emptyQueueUrl)
    {
        lock (_gate)
        {
            session = null;
            emptyQueueUrl = false;
            if (!_scaleSets.TryGetValue(scaleSetId, out var set) || set.Deleted)
            {
                return StateOutcome.NotFound;
            }

            ExpireSessionsLocked();
            if (_sessions.Values.Any(s => s.ScaleSetId == scaleSetId))
            {
                Interlocked.Increment(ref _sessionConflicts);
                return StateOutcome.Conflict;
            }

            session = NewSessionLocked(scaleSetId, ownerName, null);
            if (_emptyQueueUrls > 0)
            {
                _emptyQueueUrls--;
                emptyQueueUrl = true;
            }

            PulseLocked();
            return StateOutcome.Ok;
        }
    }

    /// <summary>Gives a live session a new queue token; <see cref="StateOutcome.NotFound"/> when the broker forgot it.</summary>
    internal StateOutcome RefreshSession(long scaleSetId, Guid sessionId, out EmulatedSession? session)
    {
        lock (_gate)
        {
            ExpireSessionsLocked();
            if (!_sessions.TryGetValue(sessionId, out session) || session.ScaleSetId != scaleSetId)
            {
                session = null;
                return StateOutcome.NotFound;
            }

            session = session with { QueueToken = NewToken(), LastSeen = _time.GetUtcNow() };
            _sessions[sessionId] = session;
            return StateOutcome.Ok;
        }
    }

    internal bool DeleteSession(long scaleSetId, Guid sessionId)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out var session) || session.ScaleSetId != scaleSetId)
            {
                return false;
            }

            _sessions.Remove(sessionId);
            PulseLocked();
            return true;
        }
    }

    /// <summary>The live session a queue token belongs to, touched (a polled session does not expire).</summary>
    internal EmulatedSession? SessionOf(string queueToken, Guid sessionId)
    {
        lock (_gate)
        {
            ExpireSessionsLocked();
            if (!_sessions.TryGetValue(sessionId, out var session)
                || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(session.QueueToken), System.Text.Encoding.UTF8.GetBytes(queueToken)))
            {
                return null;
            }

            session = session with { LastSeen = _time.GetUtcNow() };
            _sessions[sessionId] = session;
            return session;
        }
    }

    private EmulatedSession NewSessionLocked(long scaleSetId, string ownerName, DateTimeOffset? pinnedUntil)
    {
        var session = new EmulatedSession
        {
            Id = Guid.NewGuid(),
            ScaleSetId = scaleSetId,
            OwnerName = ownerName,
            QueueToken = NewToken(),
            LastSeen = _time.GetUtcNow(),
            PinnedUntil = pinnedUntil,
        };
        _sessions[session.Id] = session;
        return session;
    }

    private void ExpireSessionsLocked()
    {
        var now = _time.GetUtcNow();
        foreach (var session in _sessions.Values.ToList())
        {
            var expired = session.PinnedUntil is { } pinned ? now >= pinned : now - session.LastSeen >= _options.SessionTimeout;
            if (expired)
            {
                _sessions.Remove(session.Id);
            }
        }
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
