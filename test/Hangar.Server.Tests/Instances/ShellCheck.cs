namespace Hangar.Server.Tests.Instances;

/// <summary>Whether a script the server serves parses as POSIX sh (<c>sh -n</c>).</summary>
internal static class ShellCheck
{
    public static async Task SyntaxAsync(string script, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hangar-install-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(path, script, ct);
        try
        {
            using var sh = System.Diagnostics.Process.Start("sh", ["-n", path]);
            await sh.WaitForExitAsync(ct);
            sh.ExitCode.ShouldBe(0, script);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
