using Microsoft.Extensions.Logging;

namespace Hangar.Forges.GitHub;

internal static partial class GitHubForgeLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning,
        Message = "GitHub forge {Forge}: {Request} failed ({Reason}); retry {Attempt} in {Delay}")]
    public static partial void RetryingRequest(ILogger logger, string forge, string request, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: registered JIT runner {RunnerName} (id {RunnerId}) at {Target}")]
    public static partial void RunnerRegistered(ILogger logger, string forge, string runnerName, long runnerId, string target);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: removed runner {RunnerId} at {Target}")]
    public static partial void RunnerRemoved(ILogger logger, string forge, long runnerId, string target);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug,
        Message = "GitHub forge {Forge}: runner {RunnerId} at {Target} was already gone")]
    public static partial void RunnerAlreadyGone(ILogger logger, string forge, long runnerId, string target);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Debug,
        Message = "GitHub forge {Forge}: loaded {Count} runner groups at {Target}")]
    public static partial void RunnerGroupsLoaded(ILogger logger, string forge, int count, string target);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: minted an installation token for installation {InstallationId}, valid until {ExpiresAt}")]
    public static partial void InstallationTokenMinted(ILogger logger, string forge, long installationId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: the App's installation for {Target} is {InstallationId}")]
    public static partial void InstallationFound(ILogger logger, string forge, long installationId, string target);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning,
        Message = "GitHub forge {Forge}: {Request} was rejected with 401; retrying once with a fresh credential")]
    public static partial void CredentialRejected(ILogger logger, string forge, string request);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning,
        Message = "GitHub forge {Forge}: {Request} hit the {Resource} rate limit ({Status}); waiting {Delay}")]
    public static partial void RateLimited(ILogger logger, string forge, string request, string resource, int status, TimeSpan delay);
}
