using Microsoft.Extensions.Logging;

namespace Ovnk.Kube.Leader;

/// <content>Log messages.</content>
public sealed partial class LeaderElector
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} became leader (lease {Lease})")]
    private partial void LogLeading(string identity, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} stopped leading (lease {Lease})")]
    private partial void LogStopped(string identity, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} released lease {Lease}")]
    private partial void LogReleased(string identity, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "lease {Lease}: election round failed; retrying")]
    private partial void LogRoundFailed(Exception e, string lease);
}
