namespace Hangar.Providers.External;

/// <summary>Exit codes of garm-provider-common's <c>execution</c> package.</summary>
internal static class GarmExitCodes
{
    public const int Success = 0;

    /// <summary>Not found: success for <c>DeleteInstance</c>, an error for every other command.</summary>
    public const int NotFound = 30;

    public const int Duplicate = 31;
}
