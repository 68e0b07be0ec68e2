using Hangar.Agent.Protocol.V1;

namespace Hangar.Server.Agent;

/// <summary>Where a running task's logs and named outputs go (the terminal, for <c>hangar exec</c>).</summary>
public interface IExecSink
{
    void Log(LogStream stream, string line);

    void Output(string name, string value);
}
