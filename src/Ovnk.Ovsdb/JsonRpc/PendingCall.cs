namespace Ovnk.Ovsdb.JsonRpc;

/// <summary>A request waiting for its reply.</summary>
internal sealed class PendingCall(string method)
{
    private readonly TaskCompletionSource<JsonRpcReply> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Method { get; } = method;

    public Task<JsonRpcReply> Task => _reply.Task;

    public bool Complete(JsonRpcReply reply) => _reply.TrySetResult(reply);

    public void Fail(Exception error) => _reply.TrySetException(error);
}
