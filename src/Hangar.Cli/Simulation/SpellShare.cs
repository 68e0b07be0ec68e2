namespace Hangar.Cli.Simulation;

/// <summary>One state's share of a replay (<see cref="SpellFigures"/>).</summary>
internal sealed class SpellShare
{
    public int Jobs { get; set; }

    /// <summary>Jobs that waited a whole boot time or more: a cold start.</summary>
    public int ColdStarts { get; set; }

    public double IdleMinutes { get; set; }

    public double ColdShare => Jobs == 0 ? 0 : ColdStarts / (double)Jobs;
}
