namespace Ovnk.Cli.Mon;

/// <summary>What <c>ovnk mon</c> was asked to do.</summary>
internal abstract record MonAction
{
    /// <summary>No subcommand: print changes (needs --auto to do anything).</summary>
    public sealed record Watch : MonAction;

    /// <summary><c>show</c>.</summary>
    public sealed record Show : MonAction;

    /// <summary><c>list TABLE [COL…] [--filter C=V]</c>.</summary>
    public sealed record List(string Table, IReadOnlyList<string> Columns, IReadOnlyList<string> Filters) : MonAction;

    /// <summary><c>save FILE</c>.</summary>
    public sealed record Save(string File) : MonAction;
}
