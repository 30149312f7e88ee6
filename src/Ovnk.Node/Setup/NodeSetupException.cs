namespace Ovnk.Node.Setup;

/// <summary>Node setup cannot proceed; the message names the cause and the fix.</summary>
public sealed class NodeSetupException(string problem, string fix, Exception? inner = null)
    : Exception($"{problem}: {fix}", inner)
{
    public string Problem { get; } = problem;
}
