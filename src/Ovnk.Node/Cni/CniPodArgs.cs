namespace Ovnk.Node.Cni;

/// <summary>
/// The Kubernetes keys of <c>CNI_ARGS</c> (<c>K=V;K=V</c>) that the runtime passes: namespace and name are required
/// for ADD/DEL/CHECK (upstream cniserver.go), the UID guards against a recreated pod with the same name.
/// </summary>
public sealed record CniPodArgs(string Namespace, string Name, string? Uid)
{
    public static IReadOnlyDictionary<string, string> ParseArgs(string? cniArgs)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (cniArgs ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new FormatException($"CNI_ARGS entry '{pair}' is not KEY=VALUE");
            args[pair[..eq]] = pair[(eq + 1)..];
        }
        return args;
    }
}
