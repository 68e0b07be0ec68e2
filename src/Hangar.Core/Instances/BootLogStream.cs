namespace Hangar.Core.Instances;

/// <summary>Which of the runner's output streams a boot log line came from.</summary>
public enum BootLogStream
{
    Stdout = 1,
    Stderr = 2,
}
