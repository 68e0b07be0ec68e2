using System.CommandLine;
using Hangar.Server;

namespace Hangar.Cli.Commands;

/// <summary><c>hangar serve --config FILE</c>: the server (store, engine, webhooks, API; and the RabbitMQ consumer when
/// <c>intake.rabbitmq</c> is set).</summary>
internal static class ServeCommand
{
    public static Command Create() => HostCommand.Create("serve", "Run the Hangar server.", (config, options) => HangarHost.Create(config, options));
}
