using Hangar.Agent.Protocol.V1;
using Hangar.Server.Agent;

namespace Hangar.Cli.Commands;

/// <summary>Prints a task's lines as they come: its stdout to ours, its stderr to ours.</summary>
internal sealed class ConsoleExecSink : IExecSink
{
    public void Log(LogStream stream, string line)
    {
        if (stream == LogStream.Stderr)
        {
            Console.Error.WriteLine(line);
        }
        else
        {
            Console.Out.WriteLine(line);
        }
    }

    public void Output(string name, string value) => Console.Error.WriteLine($"hangar exec: output {name}={value}");
}
