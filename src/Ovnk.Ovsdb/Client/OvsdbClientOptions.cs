using Ovnk.Ovsdb.Transport;

namespace Ovnk.Ovsdb.Client;

/// <summary>Settings of an <see cref="OvsdbClient"/>. Defaults suit a controller; tests shorten the timeouts.</summary>
public sealed record OvsdbClientOptions
{
    /// <summary>TLS files for <c>ssl:</c> remotes.</summary>
    public OvsdbTlsOptions? Tls { get; init; }

    /// <summary>How long one connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The largest message accepted. An initial monitor reply carries a whole table, so this is large: 200k logical
    /// switch ports are ≈ 100 MB of JSON.
    /// </summary>
    public long MaxMessageBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Silence after which we send an echo; a second silent period closes the connection. Zero disables.</summary>
    public TimeSpan InactivityProbe { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reconnect when the connection breaks, re-establishing monitors (default on).</summary>
    public bool Reconnect { get; init; } = true;

    /// <summary>
    /// Only use a clustered database's leader (ovn-nbctl's and ovn-kubernetes's default): writes then need no
    /// forwarding and reads are never stale. A standalone server is always its own leader.
    /// </summary>
    public bool LeaderOnly { get; init; } = true;

    /// <summary>The first pause between reconnect rounds; it doubles up to <see cref="ReconnectBackoffMax"/> (ovs/reconnect.py: 1 s to 8 s).</summary>
    public TimeSpan ReconnectBackoffMin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between reconnect rounds.</summary>
    public TimeSpan ReconnectBackoffMax { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How long a call waits for a usable server while the client is reconnecting, before it fails with a transient
    /// <see cref="OvsdbConnectionException"/> (ovn-kubernetes's db-txn-timeout is 100 s).
    /// </summary>
    public TimeSpan TransactionTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>The default options.</summary>
    public static OvsdbClientOptions Default { get; } = new();
}
