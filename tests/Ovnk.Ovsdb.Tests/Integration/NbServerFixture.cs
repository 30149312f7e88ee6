using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>One real NB ovsdb-server shared by a test class (tests keep to their own rows by unique names).</summary>
public class NbServerFixture : IAsyncLifetime
{
    public OvsdbServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await OvsdbServer.StartAsync(OvsdbServer.NorthboundSchema, tcp: true, clustered: Clustered);

    /// <summary>Standalone by default; a subclass asks for a one-member RAFT cluster.</summary>
    protected virtual bool Clustered => false;

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>A one-member clustered NB: it keeps the transaction history monitor_cond_since resumes from.</summary>
public sealed class ClusteredNbServerFixture : NbServerFixture
{
    protected override bool Clustered => true;
}
