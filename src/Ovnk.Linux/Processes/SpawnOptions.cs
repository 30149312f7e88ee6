namespace Ovnk.Linux.Processes;

/// <summary>What to run and how (see <see cref="ProcessSpawner"/>).</summary>
public sealed record SpawnOptions
{
    /// <summary>argv: the program (looked up in PATH when it has no '/') and its arguments.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The environment as NAME=value pairs; null inherits ours.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Working directory (inside the mount namespace when one is entered); null keeps ours.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Standard input.</summary>
    public StdioTarget Stdin { get; init; } = StdioTarget.Null;

    /// <summary>Standard output.</summary>
    public StdioTarget Stdout { get; init; } = StdioTarget.Pipe;

    /// <summary>Standard error.</summary>
    public StdioTarget Stderr { get; init; } = StdioTarget.Pipe;

    /// <summary>Starts a new session (setsid) even without a terminal (a terminal always gets one).</summary>
    public bool NewSession { get; init; }

    /// <summary>Namespaces to enter; null or empty runs in ours.</summary>
    public NamespacePaths? Namespaces { get; init; }
}
