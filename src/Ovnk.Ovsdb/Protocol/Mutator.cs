namespace Ovnk.Ovsdb.Protocol;

/// <summary>The mutators of a mutation (RFC 7047 §5.1).</summary>
public enum Mutator
{
    /// <summary><c>+=</c></summary>
    Add,
    /// <summary><c>-=</c></summary>
    Subtract,
    /// <summary><c>*=</c></summary>
    Multiply,
    /// <summary><c>/=</c></summary>
    Divide,
    /// <summary><c>%=</c></summary>
    Modulo,
    /// <summary><c>insert</c> (sets and maps)</summary>
    Insert,
    /// <summary><c>delete</c> (sets and maps)</summary>
    Delete,
}
