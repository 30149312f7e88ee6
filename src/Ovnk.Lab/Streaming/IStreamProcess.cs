namespace Ovnk.Lab.Streaming;

/// <summary>
/// One exec'd process or one attachment to a container's main process, as the streaming protocol sees it.
/// Disposing ends the session: an exec'd process is killed; an attachment only detaches (the container runs on).
/// </summary>
public interface IStreamProcess : IAsyncDisposable
{
    /// <summary>The process's input; null when it takes none. Disposing it is end of input (pipe: EOF).</summary>
    Stream? Stdin { get; }

    /// <summary>The process's output (with a terminal: everything the terminal shows). Ends when the process exits.</summary>
    Stream Stdout { get; }

    /// <summary>The process's error output; null with a terminal (it is merged into <see cref="Stdout"/>).</summary>
    Stream? Stderr { get; }

    /// <summary>True when the process runs on a pseudo-terminal.</summary>
    bool Tty { get; }

    /// <summary>Sets the terminal's window size; ignored without a terminal.</summary>
    void Resize(ushort columns, ushort rows);

    /// <summary>The exit code (128 + signal when killed by a signal).</summary>
    Task<int> Exited { get; }
}
