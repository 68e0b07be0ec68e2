using Microsoft.Extensions.Logging;

namespace Hangar.Forges.GitHub;

internal static partial class GitHubForgeLog
{
    [LoggerMessage(EventId = 3000, EventName = "RetryingRequest", Level = LogLevel.Warning,
        Message = "GitHub forge {Forge}: {Request} failed ({Reason}); retry {Attempt} in {Delay}")]
    public static partial void RetryingRequest(ILogger logger, string forge, string request, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3001, EventName = "RunnerRegistered", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: registered JIT runner {RunnerName} (id {RunnerId}) at {Target}")]
    public static partial void RunnerRegistered(ILogger logger, string forge, string runnerName, long runnerId, string target);

    [LoggerMessage(EventId = 3002, EventName = "RunnerRemoved", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: removed runner {RunnerId} at {Target}")]
    public static partial void RunnerRemoved(ILogger logger, string forge, long runnerId, string target);

    [LoggerMessage(EventId = 3003, EventName = "RunnerAlreadyGone", Level = LogLevel.Debug,
        Message = "GitHub forge {Forge}: runner {RunnerId} at {Target} was already gone")]
    public static partial void RunnerAlreadyGone(ILogger logger, string forge, long runnerId, string target);

    [LoggerMessage(EventId = 3004, EventName = "RunnerGroupsLoaded", Level = LogLevel.Debug,
        Message = "GitHub forge {Forge}: loaded {Count} runner groups at {Target}")]
    public static partial void RunnerGroupsLoaded(ILogger logger, string forge, int count, string target);

    [LoggerMessage(EventId = 3005, EventName = "InstallationTokenMinted", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: minted an installation token for installation {InstallationId}, valid until {ExpiresAt}")]
    public static partial void InstallationTokenMinted(ILogger logger, string forge, long installationId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3006, EventName = "InstallationFound", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: the App's installation for {Target} is {InstallationId}")]
    public static partial void InstallationFound(ILogger logger, string forge, long installationId, string target);

    [LoggerMessage(EventId = 3007, EventName = "CredentialRejected", Level = LogLevel.Warning,
        Message = "GitHub forge {Forge}: {Request} was rejected with 401; retrying once with a fresh credential")]
    public static partial void CredentialRejected(ILogger logger, string forge, string request);

    [LoggerMessage(EventId = 3008, EventName = "RateLimited", Level = LogLevel.Warning,
        Message = "GitHub forge {Forge}: {Request} hit the {Resource} rate limit ({Status}); waiting {Delay}")]
    public static partial void RateLimited(ILogger logger, string forge, string request, string resource, int status, TimeSpan delay);
}
