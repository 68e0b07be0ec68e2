using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Tart;

internal static partial class TartProviderLog
{
    [LoggerMessage(EventId = 4300, EventName = "TartVmCreated", Level = LogLevel.Information,
        Message = "Provider {Provider} cloned {Image} into VM {Name} for pool {Pool} and started it")]
    public static partial void Created(ILogger logger, string provider, string name, string pool, string image);

    [LoggerMessage(EventId = 4301, EventName = "TartVmDeleted", Level = LogLevel.Information,
        Message = "Provider {Provider} deleted VM {Name} with its share")]
    public static partial void Deleted(ILogger logger, string provider, string name);

    [LoggerMessage(EventId = 4302, EventName = "TartCreateUndone", Level = LogLevel.Warning,
        Message = "Provider {Provider} could not create VM {Name}; removed what the attempt made")]
    public static partial void CreateUndone(ILogger logger, string provider, string name, Exception error);

    [LoggerMessage(EventId = 4303, EventName = "TartUndoFailed", Level = LogLevel.Error,
        Message = "Provider {Provider} could not remove what a failed create of VM {Name} made; provider-orphans will retry")]
    public static partial void UndoFailed(ILogger logger, string provider, string name, Exception error);

    [LoggerMessage(EventId = 4304, EventName = "TartImagePulled", Level = LogLevel.Information,
        Message = "Provider {Provider} pulled image {Image} for runner {Name} before its credential was minted")]
    public static partial void ImagePulled(ILogger logger, string provider, string image, string name);
}
