namespace Ovnk.Controller.Nb;

/// <summary>A reconcile could not be planned yet (its message says why); the work queue retries it with backoff.</summary>
public sealed class PlanProblemException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlanProblemException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public PlanProblemException() { }

    /// <summary>Creates the exception.</summary>
    public PlanProblemException(string message, Exception inner) : base(message, inner) { }
}
