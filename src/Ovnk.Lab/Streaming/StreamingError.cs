namespace Ovnk.Lab.Streaming;

/// <summary>What kind of failure a <see cref="StreamingException"/> is; decides the HTTP code of its Status.</summary>
public enum StreamingError
{
    /// <summary>400: the request cannot be served as asked (container not running, no previous instance).</summary>
    BadRequest,

    /// <summary>404: the pod or container is unknown to the runtime.</summary>
    NotFound,

    /// <summary>500: the runtime failed (spawn failed, namespace gone).</summary>
    Internal,
}
