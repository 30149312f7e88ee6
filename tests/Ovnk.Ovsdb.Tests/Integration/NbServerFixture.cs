using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>One real NB ovsdb-server shared by a test class (tests keep to their own rows by unique names).</summary>
public sealed class NbServerFixture : IAsyncLifetime
{
    public OvsdbServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await OvsdbServer.StartAsync(OvsdbServer.NorthboundSchema, tcp: true);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
