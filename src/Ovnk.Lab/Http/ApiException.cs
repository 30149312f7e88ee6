using System.Text.Json.Nodes;

namespace Ovnk.Lab.Http;

/// <summary>
/// A request failure that becomes a <c>Status</c> object (kind Status, reason, code, details) — the shape kubectl
/// needs to print "Error from server (Reason): message" as it does for a real cluster.
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates a failure with HTTP <paramref name="code"/> and Status <paramref name="reason"/>.</summary>
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>Required by CA1032; use the other constructor.</summary>
    public ApiException() : this(500, "InternalError", "internal error") { }

    /// <summary>Required by CA1032; use the other constructor.</summary>
    public ApiException(string message) : this(500, "InternalError", message) { }

    /// <summary>Required by CA1032; use the other constructor.</summary>
    public ApiException(string message, Exception innerException) : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    /// <summary>The HTTP status code.</summary>
    public int Code { get; }

    /// <summary>The machine-readable reason (NotFound, AlreadyExists, Conflict, Invalid, …).</summary>
    public string Reason { get; }

    /// <summary>The Status details (name, group, kind, causes), if any.</summary>
    public JsonObject? Details { get; }

    /// <summary>The Status object for this failure.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }
        status["code"] = Code;
        return status;
    }
}
