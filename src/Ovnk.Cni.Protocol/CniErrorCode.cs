namespace Ovnk.Cni.Protocol;

/// <summary>
/// Error codes of CNI SPEC.md §5 ("Error"); 0-99 are reserved for the spec, 100+ are plugin-specific.
/// 8 and 999 are not in the spec table but libcni defines them (cni pkg/types/types.go).
/// </summary>
public enum CniErrorCode
{
    IncompatibleCniVersion = 1,
    UnsupportedField = 2,
    UnknownContainer = 3,
    InvalidEnvironmentVariables = 4,
    IoFailure = 5,
    DecodingFailure = 6,
    InvalidNetworkConfig = 7,
    InvalidNetNs = 8,
    TryAgainLater = 11,
    PluginNotAvailable = 50,
    PluginNotAvailableLimitedConnectivity = 51,
    Internal = 999,
}
