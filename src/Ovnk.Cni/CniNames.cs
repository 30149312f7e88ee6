using Ovnk.Cni.Protocol;

namespace Ovnk.Cni;

/// <summary>
/// The name rules of cni pkg/utils/utils.go, with the same codes and messages, so our answers to bad input match
/// the reference plugins'.
/// </summary>
internal static class CniNames
{
    /// <summary>IFNAMSIZ is 16 including the NUL: 15 characters at most.</summary>
    public const int MaxInterfaceNameLength = 15;

    /// <summary>
    /// cni's <c>^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$</c>, as a loop: the regex engine would cost the short-lived plugin
    /// start-up time and binary size for one pattern.
    /// </summary>
    private static bool IsValidName(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    public static CniError? ValidateContainerId(string id)
    {
        if (id.Length == 0) return new(CniErrorCode.UnknownContainer, "missing containerID");
        return IsValidName(id) ? null : new(CniErrorCode.InvalidEnvironmentVariables, "invalid characters in containerID", id);
    }

    public static CniError? ValidateNetworkName(string name)
    {
        if (name.Length == 0) return new(CniErrorCode.InvalidNetworkConfig, "missing network name");
        return IsValidName(name) ? null : new(CniErrorCode.InvalidNetworkConfig, "invalid characters found in network name", name);
    }

    public static CniError? ValidateInterfaceName(string name)
    {
        if (name.Length == 0) return new(CniErrorCode.InvalidEnvironmentVariables, "interface name is empty");
        if (name.Length > MaxInterfaceNameLength)
            return new(CniErrorCode.InvalidEnvironmentVariables, "interface name is too long", $"interface name should be less than {MaxInterfaceNameLength + 1} characters");
        if (name is "." or "..") return new(CniErrorCode.InvalidEnvironmentVariables, "interface name is . or ..");
        if (name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c)))
            return new(CniErrorCode.InvalidEnvironmentVariables, "interface name contains / or : or whitespace characters", name);
        return null;
    }

    /// <summary>CNI_PATH is a list of absolute directories (SPEC.md §2); empty elements are tolerated as PATH does.</summary>
    public static CniError? ValidateCniPath(string path)
    {
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!dir.StartsWith('/'))
                return new(CniErrorCode.InvalidEnvironmentVariables, $"CNI_PATH entry '{dir}' is not an absolute path", "set CNI_PATH to absolute directories separated by ':', e.g. /opt/cni/bin");
        }
        return null;
    }
}
