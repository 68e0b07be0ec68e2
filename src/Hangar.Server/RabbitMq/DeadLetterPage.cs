namespace Hangar.Server.RabbitMq;

/// <summary>A look at the dead-letter queue: its name, how many messages it holds, and the oldest of them.</summary>
internal sealed record DeadLetterPage(string Queue, uint Count, IReadOnlyList<DeadLetter> Items);
