using Microsoft.Extensions.Logging;

namespace Ovnk.Kube.Informers;

/// <content>Log messages.</content>
internal sealed partial class Reflector<T, TList>
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "informer {Resource}: list failed; retrying in about {Backoff}")]
    private partial void LogListFailed(Exception e, string resource, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "informer {Resource}: watch broke at resourceVersion {ResourceVersion}; re-watching from there")]
    private partial void LogWatchBroke(Exception e, string resource, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "informer {Resource}: listed {Count} objects at resourceVersion {ResourceVersion}")]
    private partial void LogListed(string resource, int count, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "informer {Resource}: watch returned status {Code} ({Message}); relisting")]
    private partial void LogWatchStatus(string resource, int? code, string? message);
}
