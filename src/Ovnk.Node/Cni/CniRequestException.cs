using Ovnk.Cni.Protocol;

namespace Ovnk.Node.Cni;

/// <summary>
/// A request failed with a CNI error the plugin passes on verbatim (code, msg, details). Handlers throw it; the
/// server turns it into a non-200 response carrying <see cref="Error"/>.
/// </summary>
public sealed class CniRequestException(CniError error, Exception? inner = null) : Exception(error.Msg, inner)
{
    public CniError Error { get; } = error;

    /// <summary>Code 11 tells the runtime to retry (SPEC.md §5 "try again later").</summary>
    public bool IsTransient => Error.Code == CniErrorCode.TryAgainLater;
}
