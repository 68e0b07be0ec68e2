using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace Hangar.Emulator.State;

/// <summary>The Actions service's credentials (registration tokens, admin tokens) and the scale-set faults.</summary>
public sealed partial class EmulatorState
{
    private readonly ConcurrentDictionary<string, (RunnerScope Scope, DateTimeOffset ExpiresAt)> _registrationTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (RunnerScope Scope, DateTimeOffset ExpiresAt)> _adminTokens = new(StringComparer.Ordinal);
    private int _emptyQueueUrls;
    private int _failCalls;
    private int _failStatus;
    private int _adminTokensIssued;
    private TimeSpan _acquireHold;
    private int _acquiresInFlight;

    /// <summary>How long each <c>acquirejobs</c> call is held before it acts (<see cref="ScaleSetFault.HoldAcquires"/>).</summary>
    internal TimeSpan AcquireHold
    {
        get
        {
            lock (_gate)
            {
                return _acquireHold;
            }
        }
    }

    /// <summary><c>acquirejobs</c> calls being held right now.</summary>
    public int AcquiresInFlight => Volatile.Read(ref _acquiresInFlight);

    internal void AcquireStarted() => Interlocked.Increment(ref _acquiresInFlight);

    internal void AcquireEnded() => Interlocked.Decrement(ref _acquiresInFlight);

    /// <summary>Admin tokens the registration exchange has handed out.</summary>
    public int AdminTokensIssued => Volatile.Read(ref _adminTokensIssued);

    internal (string Token, DateTimeOffset ExpiresAt) MintRegistrationToken(RunnerScope scope)
    {
        var token = "AABF" + NewToken()[..25].ToUpperInvariant();
        var expiresAt = _time.GetUtcNow().AddHours(1);
        _registrationTokens[token] = (scope, expiresAt);
        return (token, expiresAt);
    }

    /// <summary>Trades a registration token for an admin token of its scope (a JWT with <c>exp</c>), once.</summary>
    internal (string Token, RunnerScope Scope)? ExchangeRegistrationToken(string registrationToken, RunnerScope requested)
    {
        if (!_registrationTokens.TryRemove(registrationToken, out var entry) || _time.GetUtcNow() >= entry.ExpiresAt || !entry.Scope.Matches(requested))
        {
            return null;
        }

        var expiresAt = _time.GetUtcNow() + _options.AdminTokenLifetime;
        var payload = new JsonObject { ["exp"] = expiresAt.ToUnixTimeSeconds(), ["scp"] = entry.Scope.ToString(), ["jti"] = NewToken() };
        var token = $"{Base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")}.{Base64Url(payload.ToJsonString())}.{NewToken()}";
        _adminTokens[token] = (entry.Scope, expiresAt);
        Interlocked.Increment(ref _adminTokensIssued);
        return (token, entry.Scope);
    }

    /// <summary>The scope an admin token acts for, or null when it is unknown or expired.</summary>
    internal RunnerScope? AdminScopeOf(string token) =>
        _adminTokens.TryGetValue(token, out var entry) && _time.GetUtcNow() < entry.ExpiresAt ? entry.Scope : null;

    /// <summary>An injected failure for the next Actions-service or queue call, if one is due: its status, else null.</summary>
    internal int? TakeCallFailure()
    {
        lock (_gate)
        {
            if (_failCalls <= 0)
            {
                return null;
            }

            _failCalls--;
            return _failStatus;
        }
    }

    /// <summary>Injects <paramref name="fault"/>. <paramref name="scaleSet"/> names the set for the faults about one set
    /// (every set when null); <paramref name="count"/> is how many calls or creates are hit; <paramref name="status"/> is
    /// the answer of <see cref="ScaleSetFault.FailCalls"/>; <paramref name="duration"/> how long a stale session lives.</summary>
    /// <returns>False when the named scale set does not exist.</returns>
    internal bool InjectScaleSetFault(ScaleSetFault fault, string? scaleSet = null, int count = 1, int status = 503, TimeSpan? duration = null)
    {
        lock (_gate)
        {
            var sets = _scaleSets.Values.Where(s => !s.Deleted && (scaleSet is null || string.Equals(s.Name, scaleSet, StringComparison.OrdinalIgnoreCase))).ToList();
            if (scaleSet is not null && sets.Count == 0 && fault is ScaleSetFault.SessionConflict or ScaleSetFault.DeleteScaleSet)
            {
                return false;
            }

            switch (fault)
            {
                case ScaleSetFault.SessionConflict:
                    var until = _time.GetUtcNow() + (duration ?? _options.SessionTimeout);
                    foreach (var set in sets)
                    {
                        foreach (var live in _sessions.Values.Where(s => s.ScaleSetId == set.Id).ToList())
                        {
                            _sessions.Remove(live.Id);
                        }

                        NewSessionLocked(set.Id, "ghost-listener", until);
                    }

                    break;
                case ScaleSetFault.ExpireQueueTokens:
                    foreach (var session in _sessions.Values.ToList())
                    {
                        _sessions[session.Id] = session with { QueueToken = NewToken() };
                    }

                    break;
                case ScaleSetFault.EvictSessions:
                    _sessions.Clear();
                    break;
                case ScaleSetFault.ExpireAdminTokens:
                    _adminTokens.Clear();
                    break;
                case ScaleSetFault.EmptyQueueUrl:
                    _emptyQueueUrls = count;
                    break;
                case ScaleSetFault.DeleteScaleSet:
                    foreach (var set in sets)
                    {
                        DeleteScaleSet(set.Id);
                    }

                    break;
                case ScaleSetFault.HoldAcquires:
                    _acquireHold = duration ?? TimeSpan.Zero;
                    break;
                case ScaleSetFault.FailCalls:
                    _failCalls = count;
                    _failStatus = status;
                    break;
            }

            PulseLocked();
            return true;
        }
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
