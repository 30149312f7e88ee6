using Ovnk.Cni.Protocol;

namespace Ovnk.Cni;

/// <summary>How one exchange with the node agent ended: a result, a CNI error from the agent, or no agent at all.</summary>
internal abstract record AgentReply
{
    private AgentReply()
    {
    }

    /// <summary>The agent did the work; <see cref="Result"/> is set for ADD only.</summary>
    public sealed record Success(CniResult? Result) : AgentReply;

    /// <summary>The agent answered with a CNI error (its code and message are passed on unchanged).</summary>
    public sealed record Failure(CniError Error) : AgentReply;

    /// <summary>No answer: nothing listens on the socket, the connection broke, or the request timed out.</summary>
    public sealed record Unreachable(string Reason) : AgentReply;
}
