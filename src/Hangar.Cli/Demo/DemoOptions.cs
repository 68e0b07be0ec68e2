namespace Hangar.Cli.Demo;

public sealed record DemoOptions
{
    public int Jobs { get; init; } = 20;

    /// <summary><c>docker</c> or <c>process</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>Docker image of the emulated runner.</summary>
    public string Image { get; init; } = DemoProviders.RunnerImage;

    public TimeSpan JobDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where SQLite and process work directories go; a fresh temp directory when null.</summary>
    public string? DataDir { get; init; }

    /// <summary>Server logs on the console.</summary>
    public bool Verbose { get; init; }

    public int MaxRunnersPerPool { get; init; } = 10;

    /// <summary>Controller id for this run; unique by default so runs never see each other's machines.</summary>
    public string ControllerId { get; init; } = "demo-" + Guid.NewGuid().ToString("N")[..8];
}
