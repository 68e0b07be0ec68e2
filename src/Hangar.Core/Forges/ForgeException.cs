namespace Hangar.Core.Forges;

/// <summary>A forge call failed in a way the caller may want to tell apart (status code kept, secrets never included).</summary>
public class ForgeException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
}
