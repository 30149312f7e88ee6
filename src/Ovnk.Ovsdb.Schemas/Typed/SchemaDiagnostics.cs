using System.Collections.Concurrent;

namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>
/// Collects schema-drift findings and reports each distinct one (kind, table, column) once, so a server with an
/// extra column logs one line, not one per row. <see cref="Shared"/> is the hook typed rows use by default: attach a
/// logger to <see cref="Reported"/> at startup. Thread-safe.
/// </summary>
public sealed class SchemaDiagnostics
{
    private readonly ConcurrentDictionary<(SchemaDiagnosticKind, string, string?), SchemaDiagnostic> _seen = new();

    /// <summary>The process-wide collector <c>FromRow</c> uses when none is passed.</summary>
    public static SchemaDiagnostics Shared { get; } = new();

    /// <summary>Raised once per distinct finding, on the thread that found it.</summary>
    public event Action<SchemaDiagnostic>? Reported;

    /// <summary>Every distinct finding so far.</summary>
    public IReadOnlyList<SchemaDiagnostic> All => _seen.Values.ToArray();

    /// <summary>Records a finding; raises <see cref="Reported"/> the first time it is seen.</summary>
    public void Report(SchemaDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (_seen.TryAdd((diagnostic.Kind, diagnostic.Table, diagnostic.Column), diagnostic))
            Reported?.Invoke(diagnostic);
    }
}
