using System.Formats.Tar;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Hangar.Providers.Docker;

/// <summary>
/// The numeric user and group a container's command runs as, resolved the way the engine does (a name through the
/// container's own <c>/etc/passwd</c> and <c>/etc/group</c>), so that files Hangar puts in the container belong to
/// the runner and to nobody else.
/// </summary>
internal static class ContainerUser
{
    public static async Task<(int Uid, int Gid)> ResolveAsync(DockerClient client, string containerId, string? user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(user))
        {
            return (0, 0);
        }

        var colon = user.IndexOf(':', StringComparison.Ordinal);
        var userPart = colon < 0 ? user : user[..colon];
        var groupPart = colon < 0 ? null : user[(colon + 1)..];

        var passwd = await ReadFileAsync(client, containerId, "/etc/passwd", cancellationToken).ConfigureAwait(false);
        var account = Entries(passwd).FirstOrDefault(e => e[0] == userPart || (IsNumber(userPart) && e[2] == userPart));
        var uid = IsNumber(userPart) ? Number(userPart)
            : account is not null && IsNumber(account[2]) ? Number(account[2])
            : throw Unresolved(user, $"no user '{userPart}' in the container's /etc/passwd");

        if (groupPart is null)
        {
            // Docker's rule: the user's primary group from passwd, else group 0.
            return (uid, account is not null && IsNumber(account[3]) ? Number(account[3]) : 0);
        }

        if (IsNumber(groupPart))
        {
            return (uid, Number(groupPart));
        }

        var groups = await ReadFileAsync(client, containerId, "/etc/group", cancellationToken).ConfigureAwait(false);
        var group = Entries(groups).FirstOrDefault(e => e[0] == groupPart && IsNumber(e[2]))
            ?? throw Unresolved(user, $"no group '{groupPart}' in the container's /etc/group");
        return (uid, Number(group[2]));
    }

    private static async Task<string> ReadFileAsync(DockerClient client, string containerId, string path, CancellationToken cancellationToken)
    {
        GetArchiveFromContainerResponse archive;
        try
        {
            archive = await client.Containers.GetArchiveFromContainerAsync(
                containerId, new GetArchiveFromContainerParameters { Path = path }, statOnly: false, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return string.Empty;
        }

        await using (archive.Stream.ConfigureAwait(false))
        {
            var reader = new TarReader(archive.Stream);
            await using (reader.ConfigureAwait(false))
            {
                var entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
                if (entry?.DataStream is null)
                {
                    return string.Empty;
                }

                using var text = new StreamReader(entry.DataStream);
                return await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static IEnumerable<string[]> Entries(string file) =>
        file.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(':'))
            .Where(fields => fields.Length >= 4);

    private static bool IsNumber(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    private static InvalidOperationException Unresolved(string user, string why) =>
        new($"cannot tell which user '{user}' is to give it its credentials: {why}");
}
