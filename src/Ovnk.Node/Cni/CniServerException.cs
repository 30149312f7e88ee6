namespace Ovnk.Node.Cni;

/// <summary>The CNI server cannot start; the message names the cause and the fix.</summary>
public sealed class CniServerException(string message, bool isTransient = false, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>True when a later retry can succeed without anyone changing anything.</summary>
    public bool IsTransient { get; } = isTransient;
}
