namespace Ovnk.Node.Gateway;

/// <summary>breth0's flows could not be installed; the message names the cause and the fix.</summary>
public sealed class GatewayFlowsException(string problem, string fix, Exception? inner = null)
    : Exception($"{problem}: {fix}", inner)
{
    public string Problem { get; } = problem;
}
