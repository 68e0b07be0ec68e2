using Microsoft.Extensions.Logging;

namespace Hangar.Forges.GitHub;

/// <summary>The GitHub forge's log events: 3000–3299 (3000–3019 REST calls and auth, 3020–3039 the request budget).</summary>
internal static partial class GitHubForgeLog
{
    [LoggerMessage(EventId = 3000, EventName = "GitHubRetryingRequest", Level = LogLevel.Warning,
        Message = "GitHub forge {Forge}: {Request} failed ({Reason}); retry {Attempt} in {Delay}")]
    public static partial void RetryingRequest(ILogger logger, string forge, string request, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3001, EventName = "GitHubRunnerRegistered", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: registered JIT runner {RunnerName} (id {RunnerId}) at {Target}")]
    public static partial void RunnerRegistered(ILogger logger, string forge, string runnerName, long runnerId, string target);

    [LoggerMessage(EventId = 3002, EventName = "GitHubRunnerRemoved", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: removed runner {RunnerId} at {Target}")]
    public static partial void RunnerRemoved(ILogger logger, string forge, long runnerId, string target);

    [LoggerMessage(EventId = 3003, EventName = "GitHubRunnerAlreadyGone", Level = LogLevel.Debug,
        Message = "GitHub forge {Forge}: runner {RunnerId} at {Target} was already gone")]
    public static partial void RunnerAlreadyGone(ILogger logger, string forge, long runnerId, string target);

    [LoggerMessage(EventId = 3004, EventName = "GitHubRunnerGroupsLoaded", Level = LogLevel.Debug,
        Message = "GitHub forge {Forge}: loaded {Count} runner groups at {Target}")]
    public static partial void RunnerGroupsLoaded(ILogger logger, string forge, int count, string target);

    [LoggerMessage(EventId = 3005, EventName = "GitHubInstallationTokenMinted", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: minted an installation token for installation {InstallationId}, valid until {ExpiresAt}")]
    public static partial void InstallationTokenMinted(ILogger logger, string forge, long installationId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3006, EventName = "GitHubInstallationFound", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: the App's installation for {Target} is {InstallationId}")]
    public static partial void InstallationFound(ILogger logger, string forge, long installationId, string target);

    [LoggerMessage(EventId = 3007, EventName = "GitHubCredentialRejected", Level = LogLevel.Warning,
        Message = "GitHub forge {Forge}: {Request} was rejected with 401; retrying once with a fresh credential")]
    public static partial void CredentialRejected(ILogger logger, string forge, string request);

    [LoggerMessage(EventId = 3008, EventName = "GitHubRateLimited", Level = LogLevel.Warning,
        Message = "GitHub forge {Forge}: {Request} hit the {Resource} rate limit ({Status}); waiting {Delay}")]
    public static partial void RateLimited(ILogger logger, string forge, string request, string resource, int status, TimeSpan delay);

    [LoggerMessage(EventId = 3020, EventName = "GitHubBudgetPacing", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: rate limit spent faster than an even pace ({Remaining} of {Limit} left, {Reserve} kept for provisioning, reset {Reset}); sweeps slow down")]
    public static partial void BudgetPacing(ILogger logger, string forge, long remaining, long limit, long reserve, DateTimeOffset reset);

    [LoggerMessage(EventId = 3021, EventName = "GitHubBudgetHolding", Level = LogLevel.Warning,
        Message = "GitHub forge {Forge}: rate limit down to its reserve ({Remaining} of {Limit} left, {Reserve} kept for provisioning); observation and sweeps wait for the reset at {Reset}")]
    public static partial void BudgetHolding(ILogger logger, string forge, long remaining, long limit, long reserve, DateTimeOffset reset);

    [LoggerMessage(EventId = 3022, EventName = "GitHubBudgetNormal", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: rate limit back on pace ({Remaining} of {Limit} left, reset {Reset}); every call goes out")]
    public static partial void BudgetNormal(ILogger logger, string forge, long remaining, long limit, DateTimeOffset reset);

    [LoggerMessage(EventId = 3100, EventName = "GitHubActionsConnected", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: Actions service connection for {Target} at {ServiceHost}, admin token valid until {ExpiresAt}")]
    public static partial void ActionsConnected(ILogger logger, string forge, string target, string serviceHost, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3101, EventName = "GitHubActionsAdminTokenRejected", Level = LogLevel.Warning,
        Message = "GitHub forge {Forge}: the Actions service refused the admin token for {Target} (401); registering again and retrying once")]
    public static partial void ActionsAdminTokenRejected(ILogger logger, string forge, string target);

    [LoggerMessage(EventId = 3102, EventName = "GitHubScaleSetReady", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: scale set {ScaleSetName} is id {ScaleSetId} at {Target} (created: {Created})")]
    public static partial void ScaleSetReady(ILogger logger, string forge, string scaleSetName, long scaleSetId, string target, bool created);

    [LoggerMessage(EventId = 3200, EventName = "GitHubRunnerGroupCreated", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: created runner group {Group} (id {GroupId}) at {Target}")]
    public static partial void RunnerGroupCreated(ILogger logger, string forge, string group, long groupId, string target);

    [LoggerMessage(EventId = 3201, EventName = "GitHubRunnerGroupUpdated", Level = LogLevel.Information,
        Message = "GitHub forge {Forge}: brought runner group {Group} (id {GroupId}) at {Target} to its declared {Fields}")]
    public static partial void RunnerGroupUpdated(ILogger logger, string forge, string group, long groupId, string target, string fields);
}
