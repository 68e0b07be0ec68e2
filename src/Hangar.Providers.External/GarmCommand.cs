namespace Hangar.Providers.External;

/// <summary>The values of <c>GARM_COMMAND</c> Hangar sends (the code's names, not the documentation's <c>Start</c>/<c>Stop</c>).</summary>
internal static class GarmCommand
{
    public const string CreateInstance = "CreateInstance";
    public const string DeleteInstance = "DeleteInstance";
    public const string GetInstance = "GetInstance";
    public const string ListInstances = "ListInstances";
    public const string GetVersion = "GetVersion";
    public const string StartInstance = "StartInstance";
    public const string StopInstance = "StopInstance";

    /// <summary>Commands scoped to a pool: under v0.1.1 they all carry <c>GARM_POOL_ID</c> and <c>GARM_POOL_EXTRASPECS</c>.</summary>
    public static bool IsPoolScoped(string command, string version) =>
        version == ExternalProviderOptions.V011
            ? command is CreateInstance or DeleteInstance or GetInstance or ListInstances or StartInstance or StopInstance
            : command is CreateInstance or ListInstances;
}
