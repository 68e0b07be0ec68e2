using Microsoft.Extensions.Logging;

namespace Hangar.Server;

internal static partial class ServerLog
{
    [LoggerMessage(2002, LogLevel.Warning, "no API tokens configured: the REST API answers 401 to every call (set server.api_tokens)")]
    public static partial void NoApiTokens(ILogger logger);

    [LoggerMessage(2003, LogLevel.Information, "hangar started listen={Listen} controller_id={ControllerId} store={Store} pools={Pools}")]
    public static partial void Started(ILogger logger, string listen, string controllerId, string store, int pools);
}
