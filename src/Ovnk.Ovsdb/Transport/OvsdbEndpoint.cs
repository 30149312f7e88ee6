using System.Globalization;

namespace Ovnk.Ovsdb.Transport;

/// <summary>
/// One active OVSDB remote (ovsdb(7) "Connection Methods"): <c>unix:PATH</c>, <c>tcp:HOST:PORT</c> or
/// <c>ssl:HOST:PORT</c>; IPv6 hosts in brackets. A cluster is a comma-separated list of them.
/// </summary>
public sealed record OvsdbEndpoint(OvsdbTransportKind Kind, string Address, int Port)
{
    /// <summary>Parses one remote.</summary>
    /// <exception cref="FormatException">The text is not an active OVSDB remote.</exception>
    public static OvsdbEndpoint Parse(string remote)
    {
        var text = remote.Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            throw Invalid(remote);
        var scheme = text[..colon];
        var rest = text[(colon + 1)..];
        if (scheme == "unix")
            return rest.Length > 0 ? new OvsdbEndpoint(OvsdbTransportKind.Unix, rest, 0) : throw Invalid(remote);
        var kind = scheme switch
        {
            "tcp" => OvsdbTransportKind.Tcp,
            "ssl" => OvsdbTransportKind.Ssl,
            _ => throw Invalid(remote),
        };
        var portColon = rest.LastIndexOf(':');
        if (portColon <= 0 || !int.TryParse(rest[(portColon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
            throw Invalid(remote);
        var host = rest[..portColon];
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        return new OvsdbEndpoint(kind, host, port);
    }

    /// <summary>Parses a comma-separated list of remotes (a clustered database's members).</summary>
    public static IReadOnlyList<OvsdbEndpoint> ParseList(string remotes) =>
        remotes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Parse).ToArray() is { Length: > 0 } list ? list : throw Invalid(remotes);

    private static FormatException Invalid(string remote) => new(
        $"\"{remote}\" is not an OVSDB remote; use unix:PATH, tcp:HOST:PORT or ssl:HOST:PORT (comma-separated for a cluster)");

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        OvsdbTransportKind.Unix => $"unix:{Address}",
        _ => $"{(Kind == OvsdbTransportKind.Tcp ? "tcp" : "ssl")}:{(Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]" : Address)}:{Port}",
    };
}
