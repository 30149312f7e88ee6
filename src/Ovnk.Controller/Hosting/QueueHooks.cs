using Microsoft.Extensions.Logging;
using Ovnk.Kube.Queue;

namespace Ovnk.Controller.Hosting;

/// <summary>Logs retries; after the last retry logs an error and counts a give-up (the key runs again on its next change).</summary>
internal sealed partial class QueueHooks(string queue, ControllerContext ctx) : IWorkQueueHooks<string>
{
    private readonly ILogger _logger = ctx.Logger;

    public void OnRetry(string key, int attempt, TimeSpan delay, Exception error) => LogRetry(queue, key, attempt, delay, error.Message);

    public Task OnGiveUpAsync(string key, int attempts, Exception error, CancellationToken cancellationToken)
    {
        ctx.Metrics.GiveUp();
        LogGiveUp(error, queue, key, attempts);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue} {Key}: attempt {Attempt} failed, retrying in {Delay}: {Error}")]
    private partial void LogRetry(string queue, string key, int attempt, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Queue} {Key}: gave up after {Attempts} attempts; it is retried on its next change")]
    private partial void LogGiveUp(Exception e, string queue, string key, int attempts);
}
