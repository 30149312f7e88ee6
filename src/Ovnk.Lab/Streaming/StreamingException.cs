namespace Ovnk.Lab.Streaming;

/// <summary>
/// A streaming runtime's typed failure. The kubelet-side server answers it as a Status (404 / 400 / 500) before a
/// WebSocket upgrade, or on the error channel after one; the API server relays it to kubectl.
/// </summary>
public sealed class StreamingException : Exception
{
    /// <summary>Creates a failure of <paramref name="kind"/>; <paramref name="message"/> is what kubectl prints.</summary>
    public StreamingException(StreamingError kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>Required by CA1032; use the other constructor.</summary>
    public StreamingException() : this(StreamingError.Internal, "streaming failed") { }

    /// <summary>Required by CA1032; use the other constructor.</summary>
    public StreamingException(string message) : this(StreamingError.Internal, message) { }

    /// <summary>Required by CA1032; use the other constructor.</summary>
    public StreamingException(string message, Exception innerException) : this(StreamingError.Internal, message, innerException) { }

    /// <summary>The kind, which decides the HTTP code.</summary>
    public StreamingError Kind { get; }

    /// <summary>The HTTP status code.</summary>
    public int Code => Kind switch { StreamingError.NotFound => 404, StreamingError.BadRequest => 400, _ => 500 };

    /// <summary>The Status reason.</summary>
    public string Reason => Kind switch { StreamingError.NotFound => "NotFound", StreamingError.BadRequest => "BadRequest", _ => "InternalError" };

    /// <summary>404 for a container the runtime does not know.</summary>
    public static StreamingException ContainerNotFound(ContainerTarget target) =>
        new(StreamingError.NotFound, $"container \"{target.Container}\" in pod \"{target.Pod}\" is not known to this node's runtime");

    /// <summary>400 as kubelet words it for a container that has not started.</summary>
    public static StreamingException NotStarted(ContainerTarget target) =>
        new(StreamingError.BadRequest, $"container \"{target.Container}\" in pod \"{target.Pod}\" is waiting to start: ContainerCreating");

    /// <summary>400 as kubelet words it for `logs --previous` without a previous instance.</summary>
    public static StreamingException NoPrevious(ContainerTarget target) =>
        new(StreamingError.BadRequest, $"previous terminated container \"{target.Container}\" in pod \"{target.Pod}\" not found");
}
