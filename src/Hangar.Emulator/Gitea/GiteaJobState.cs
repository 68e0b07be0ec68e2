namespace Hangar.Emulator.Gitea;

public enum GiteaJobState
{
    Waiting,
    Running,
    Success,
}
