namespace Ovnk.Lab.Tests.Support;

/// <summary>One lab server shared by a test class (each test uses its own namespace and kubectl HOME).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private LabServer? _server;

    /// <summary>The server.</summary>
    public LabServer Server => _server ?? throw new InvalidOperationException("fixture not initialized");

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => _server = await LabServer.StartAsync(retainedEvents: 50);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A unique namespace name.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
