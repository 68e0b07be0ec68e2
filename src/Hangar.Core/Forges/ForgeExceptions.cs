namespace Hangar.Core.Forges;

/// <summary>A forge call failed in a way the caller may want to tell apart (status code kept, secrets never included).</summary>
public class ForgeException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
}

public sealed class RunnerNameConflictException(string name)
    : ForgeException($"a runner named {name} is already registered", 409)
{
    public string Name { get; } = name;
}

public sealed class RunnerBusyException(long runnerId)
    : ForgeException($"runner {runnerId} is running a job", 422)
{
    public long RunnerId { get; } = runnerId;
}
