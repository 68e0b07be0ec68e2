using Hangar.Core.Instances;
using Hangar.Core.Jobs;

namespace Hangar.Server.Api;

/// <summary>States and statuses as the API spells them (lower case, <c>in_progress</c>), both ways.</summary>
internal static class ApiNames
{
    public static string StateName(InstanceState state) => state.ToString().ToLowerInvariant();

    public static string StatusName(JobStatus status) => status switch
    {
        JobStatus.InProgress => "in_progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>A state's name only: <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would also take a number
    /// or a comma list (<c>idle,busy</c> is 3|4, which is <c>deleted</c>).</summary>
    public static bool TryParseState(string text, out InstanceState state)
    {
        state = default;
        return text.Length > 0 && text.All(char.IsAsciiLetter) && Enum.TryParse(text, ignoreCase: true, out state);
    }

    public static bool TryParseStatus(string text, out JobStatus status)
    {
        status = text.ToLowerInvariant() switch
        {
            "waiting" => JobStatus.Waiting,
            "queued" => JobStatus.Queued,
            "in_progress" => JobStatus.InProgress,
            "completed" => JobStatus.Completed,
            _ => (JobStatus)(-1),
        };
        return Enum.IsDefined(status);
    }
}
