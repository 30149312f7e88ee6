namespace Ovnk.Linux.Processes;

/// <summary>Where one of a spawned process's standard descriptors goes.</summary>
public abstract record StdioTarget
{
    private StdioTarget()
    {
    }

    /// <summary>A new pipe; our end is the matching stream of <see cref="SpawnedProcess"/>.</summary>
    public static StdioTarget Pipe { get; } = new PipeTarget();

    /// <summary>/dev/null.</summary>
    public static StdioTarget Null { get; } = new FileTarget("/dev/null", Append: false);

    /// <summary>Our own descriptor (the same number in this process).</summary>
    public static StdioTarget Inherit { get; } = new InheritTarget();

    /// <summary>A file, created if missing; appended to or truncated (output) or read (stdin).</summary>
    public static StdioTarget File(string path, bool append = true) => new FileTarget(path, append);

    /// <summary>The slave of <paramref name="pty"/>; with it the process gets a new session and this controlling terminal.</summary>
    public static StdioTarget Terminal(Pty pty) => new TerminalTarget(pty);

    /// <summary>A pipe.</summary>
    public sealed record PipeTarget : StdioTarget;

    /// <summary>The caller's descriptor.</summary>
    public sealed record InheritTarget : StdioTarget;

    /// <summary>A file by path.</summary>
    public sealed record FileTarget(string Path, bool Append) : StdioTarget;

    /// <summary>A pseudo-terminal's slave.</summary>
    public sealed record TerminalTarget(Pty Pty) : StdioTarget;
}
