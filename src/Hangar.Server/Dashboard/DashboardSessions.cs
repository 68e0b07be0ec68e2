using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Hangar.Server.Dashboard;

/// <summary>
/// The dashboard's browser sessions: a random id (the cookie) standing for the token the visitor typed. The token stays
/// in this process, never in the browser after login, and is checked again on every request (so revoking or expiring
/// it closes the session at once). Sessions live in memory: a restart, or another replica, asks to log in again.
/// </summary>
internal sealed class DashboardSessions(TimeProvider time)
{
    public const string CookieName = "hangar_session";

    /// <summary>A session unused this long is forgotten (each use starts the count again).</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(8);

    /// <summary>More than any operator team; past it the least recently used session goes, so logins cannot fill memory.</summary>
    private const int MaxSessions = 1000;

    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    public string Open(string token)
    {
        var now = time.GetUtcNow();
        foreach (var (id, entry) in _sessions)
        {
            if (now - entry.LastUsed >= IdleLifetime)
            {
                _sessions.TryRemove(id, out _);
            }
        }

        if (_sessions.Count >= MaxSessions && _sessions.MinBy(s => s.Value.LastUsed) is { Key: { } oldest })
        {
            _sessions.TryRemove(oldest, out _);
        }

        var sessionId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _sessions[sessionId] = new Entry(token, now);
        return sessionId;
    }

    /// <summary>The token behind <paramref name="sessionId"/>, or null when there is no such live session.</summary>
    public string? Token(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || !_sessions.TryGetValue(sessionId, out var entry))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (now - entry.LastUsed >= IdleLifetime)
        {
            _sessions.TryRemove(sessionId, out _);
            return null;
        }

        _sessions[sessionId] = entry with { LastUsed = now };
        return entry.Token;
    }

    public void Close(string? sessionId)
    {
        if (!string.IsNullOrEmpty(sessionId))
        {
            _sessions.TryRemove(sessionId, out _);
        }
    }

    private sealed record Entry(string Token, DateTimeOffset LastUsed);
}
