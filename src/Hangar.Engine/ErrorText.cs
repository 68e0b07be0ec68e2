namespace Hangar.Engine;

/// <summary>How an exception is stored on an instance row and logged: type and message, bounded in length.</summary>
internal static class ErrorText
{
    private const int MaxLength = 500;

    public static string Describe(Exception ex)
    {
        var message = $"{ex.GetType().Name}: {ex.Message}";
        return message.Length <= MaxLength ? message : message[..MaxLength];
    }
}
