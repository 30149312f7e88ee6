using Ovnk.Ovsdb.Operations;

namespace Ovnk.Translation.Planning;

/// <summary>One change the planner decided on; each becomes one OVSDB operation.</summary>
public abstract record PlanStep
{
    /// <summary>The operation that performs this step.</summary>
    public abstract Operation ToOperation();
}
