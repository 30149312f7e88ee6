namespace Ovnk.Lab.Cluster;

/// <summary>A lab step that failed: which step, why, where to look and what to do.</summary>
public sealed class LabException : Exception
{
    public LabException(string step, string cause, string fix, string? logFile = null, Exception? inner = null, string? detail = null)
        : base($"{step}: {cause}{(logFile is null ? "" : $" (log: {logFile})")}. {fix}{(detail is null ? "" : "\n" + detail)}", inner)
    {
        Detail = detail;
        Step = step;
        Cause = cause;
        Fix = fix;
        LogFile = logFile;
    }

    public LabException()
        : this("lab", "failed", "see the message above")
    {
    }

    public LabException(string message)
        : this("lab", message, "see the message above")
    {
    }

    public LabException(string message, Exception inner)
        : this("lab", message, "see the message above", null, inner)
    {
    }

    public string Step { get; }

    public string Cause { get; }

    public string Fix { get; }

    public string? LogFile { get; }

    /// <summary>What was seen when the step failed (e.g. the stuck components with their log tails), or null.</summary>
    public string? Detail { get; }
}
