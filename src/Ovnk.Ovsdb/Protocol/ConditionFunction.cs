namespace Ovnk.Ovsdb.Protocol;

/// <summary>The functions of a condition (RFC 7047 §5.1).</summary>
public enum ConditionFunction
{
    /// <summary><c>&lt;</c></summary>
    LessThan,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>==</c></summary>
    Equal,
    /// <summary><c>!=</c></summary>
    NotEqual,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
    /// <summary><c>&gt;</c></summary>
    GreaterThan,
    /// <summary><c>includes</c></summary>
    Includes,
    /// <summary><c>excludes</c></summary>
    Excludes,
}

/// <summary>Wire names of <see cref="ConditionFunction"/>.</summary>
public static class ConditionFunctionExtensions
{
    /// <summary>The function's name on the wire.</summary>
    public static string WireName(this ConditionFunction function) => function switch
    {
        ConditionFunction.LessThan => "<",
        ConditionFunction.LessOrEqual => "<=",
        ConditionFunction.Equal => "==",
        ConditionFunction.NotEqual => "!=",
        ConditionFunction.GreaterOrEqual => ">=",
        ConditionFunction.GreaterThan => ">",
        ConditionFunction.Includes => "includes",
        ConditionFunction.Excludes => "excludes",
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };
}
