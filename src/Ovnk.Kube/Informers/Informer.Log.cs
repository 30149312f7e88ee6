using Microsoft.Extensions.Logging;

namespace Ovnk.Kube.Informers;

/// <content>Log messages.</content>
public sealed partial class Informer<T, TList>
{
    [LoggerMessage(Level = LogLevel.Error, Message = "informer {Resource}: an event handler threw; the informer goes on")]
    private partial void LogHandlerFailed(Exception e, string resource);
}
