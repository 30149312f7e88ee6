namespace Ovnk.Node.Ovs;

/// <summary>An OVS daemon refused a unixctl command or could not be reached; the message names the command.</summary>
public sealed class UnixctlException(string method, string problem, Exception? inner = null)
    : Exception($"unixctl {method}: {problem}", inner)
{
    public string Method { get; } = method;
}
