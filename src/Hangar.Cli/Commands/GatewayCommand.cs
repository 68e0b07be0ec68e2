using System.CommandLine;
using Hangar.Server.Gateway;

namespace Hangar.Cli.Commands;

/// <summary><c>hangar gateway --config FILE</c>: the stateless webhook edge that publishes verified deliveries to
/// <c>intake.rabbitmq</c> (see docs/gateway.md).</summary>
internal static class GatewayCommand
{
    public static Command Create() => HostCommand.Create("gateway",
        "Run a webhook gateway: verify webhooks and publish them to the RabbitMQ intake queue (202 only after the broker confirmed).",
        (config, options) => GatewayHost.Create(config, options));
}
