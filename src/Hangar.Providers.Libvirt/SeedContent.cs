using System.Text;
using System.Text.Json;
using Hangar.Core.Providers;

namespace Hangar.Providers.Libvirt;

/// <summary>
/// What goes on a domain's NoCloud seed: <c>meta-data</c>, a <c>#cloud-config</c> <c>user-data</c> for images with
/// cloud-init, and the same facts as plain files under <c>hangar/</c> for images without it: <c>env</c> (shell
/// <c>export</c> lines), <c>command</c> (a shell line), <c>mounts</c> (<c>tag target ro|rw</c> lines) and
/// <c>credentials/NAME</c> (with file delivery). Both say: write the environment and credentials, mount the shares,
/// run the command, power off.
/// </summary>
internal static class SeedContent
{
    public static IReadOnlyDictionary<string, byte[]> Files(RunnerSpec spec)
    {
        var env = RunnerEnvironment.Of(spec, GuestPaths.CredentialsDirectory);
        var envText = string.Concat(env.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"export {e.Key}={Quote(e.Value)}\n"));
        var command = spec.Command.Count == 0 ? "" : "exec " + string.Join(' ', spec.Command.Select(Quote)) + "\n";
        var mounts = string.Concat(spec.Mounts.Select((m, i) => $"{DomainXml.MountTag(i)} {m.Target} {(m.ReadOnly ? "ro" : "rw")}\n"));
        var credentials = spec.CredentialDelivery == CredentialDelivery.File ? RunnerEnvironment.Secrets(spec) : new Dictionary<string, string>();

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["meta-data"] = Utf8($"instance-id: {spec.Name}\nlocal-hostname: {spec.Name}\n"),
            ["user-data"] = Utf8(UserData(spec, envText, command, credentials)),
            ["hangar/env"] = Utf8(envText),
            ["hangar/command"] = Utf8(command),
            ["hangar/mounts"] = Utf8(mounts),
        };
        foreach (var (name, value) in credentials)
        {
            files[$"hangar/credentials/{name}"] = Utf8(value);
        }

        return files;
    }

    /// <summary>A POSIX shell word: single quotes, each <c>'</c> closed, escaped and reopened.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>JSON is YAML: the cloud-config is written as one JSON object after its header line, so no value needs
    /// YAML quoting rules.</summary>
    private static string UserData(RunnerSpec spec, string env, string command, IReadOnlyDictionary<string, string> credentials)
    {
        var writeFiles = new List<object>
        {
            new Dictionary<string, string> { ["path"] = GuestPaths.EnvFile, ["permissions"] = "0600", ["content"] = env },
            new Dictionary<string, string> { ["path"] = GuestPaths.CommandFile, ["permissions"] = "0700", ["content"] = command },
        };
        writeFiles.AddRange(credentials.Select(c => new Dictionary<string, string>
        {
            ["path"] = $"{GuestPaths.CredentialsDirectory}/{c.Key}",
            ["permissions"] = "0600",
            ["encoding"] = "b64",
            ["content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(c.Value)),
        }));
        var config = new Dictionary<string, object>
        {
            ["write_files"] = writeFiles,
            ["mounts"] = spec.Mounts.Select((m, i) => new[] { DomainXml.MountTag(i), m.Target, "virtiofs", m.ReadOnly ? "ro,nofail" : "rw,nofail", "0", "0" }).ToList(),
            ["runcmd"] = new[] { new[] { "sh", "-c", $". {GuestPaths.EnvFile}; sh {GuestPaths.CommandFile}; poweroff" } },
        };
        return "#cloud-config\n" + JsonSerializer.Serialize(config) + "\n";
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
