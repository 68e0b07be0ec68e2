namespace Hangar.Server.RabbitMq;

/// <summary>The broker did not take a delivery (unreachable, no confirm in time, or refused it): the sender must retry.</summary>
internal sealed class IntakeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
