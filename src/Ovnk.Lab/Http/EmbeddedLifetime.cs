using Microsoft.Extensions.Hosting;

namespace Ovnk.Lab.Http;

/// <summary>
/// A host lifetime that leaves signals alone: the API server is embedded (the CLI, the lab, tests), and its owner
/// decides when to stop it, not SIGINT/SIGTERM handlers installed behind its back.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
