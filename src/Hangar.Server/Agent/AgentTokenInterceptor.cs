using Grpc.Core;
using Grpc.Core.Interceptors;
using Hangar.Engine;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Agent;

/// <summary>
/// Admits an agent only with a valid instance token (the one the providers issue, see <see cref="InstanceTokens"/>):
/// none, or one unknown, replaced, expired or revoked is Unauthenticated; a token of another instance than the one the
/// agent names (<c>hangar-instance</c>) is PermissionDenied. The identity is handed on in the call's user state.
/// </summary>
internal sealed class AgentTokenInterceptor(InstanceTokens tokens, ILogger<AgentTokenInterceptor> logger) : Interceptor
{
    public const string IdentityKey = "hangar.instance";

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AuthenticateAsync(context).ConfigureAwait(false);
        await continuation(requestStream, responseStream, context).ConfigureAwait(false);
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AuthenticateAsync(context).ConfigureAwait(false);
        return await continuation(request, context).ConfigureAwait(false);
    }

    private async Task AuthenticateAsync(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.RequestHeaders.GetValue("authorization");
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        var identity = await tokens.ValidateAsync(token, context.CancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            var reason = token is null ? "no instance token" : "the instance token is not valid (unknown, expired, or its instance is being deleted)";
            AgentLog.Refused(logger, reason);
            throw new RpcException(new Status(StatusCode.Unauthenticated, reason));
        }

        var claimed = context.RequestHeaders.GetValue("hangar-instance");
        if (claimed is not null && !string.Equals(claimed, identity.Name, StringComparison.Ordinal))
        {
            AgentLog.Refused(logger, $"instance {claimed} presented the token of instance {identity.Name}");
            throw new RpcException(new Status(StatusCode.PermissionDenied, "an instance token gives access to its own instance only"));
        }

        context.UserState[IdentityKey] = identity;
    }
}
