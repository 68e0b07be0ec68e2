using System.Collections.Concurrent;
using Hangar.Agent.Protocol.V1;
using Hangar.Server.Agent;

namespace Hangar.Server.Tests.Agent;

internal sealed class RecordingExecSink : IExecSink
{
    public ConcurrentQueue<(LogStream Stream, string Line)> Lines { get; } = new();

    public TaskCompletionSource FirstLine { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Log(LogStream stream, string line)
    {
        Lines.Enqueue((stream, line));
        FirstLine.TrySetResult();
    }

    public void Output(string name, string value) => Lines.Enqueue((LogStream.Unspecified, $"{name}={value}"));
}
