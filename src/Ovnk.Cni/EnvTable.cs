using Ovnk.Cni.Protocol;

namespace Ovnk.Cni;

/// <summary>
/// The CNI environment (SPEC.md §2 "Parameters"), as one table so "which variable does which command need" is
/// read in one place. Requirements follow the reference skel (cni pkg/skel/skel.go), which is what runtimes and
/// the reference plugins agree on: CNI_NETNS is optional for DEL (SPEC: "a missing netns must not cause DEL to
/// fail"); CNI_PATH is required wherever skel requires it, and for GC by the spec.
/// </summary>
internal static class EnvTable
{
    public const string Command = "CNI_COMMAND";
    public const string ContainerId = "CNI_CONTAINERID";
    public const string NetNs = "CNI_NETNS";
    public const string IfName = "CNI_IFNAME";
    public const string Args = "CNI_ARGS";
    public const string Path = "CNI_PATH";

    private static readonly HashSet<CniCommand> Attachment = [CniCommand.Add, CniCommand.Check, CniCommand.Del];

    public static IReadOnlyList<EnvVariable> Variables { get; } =
    [
        new(ContainerId, Attachment, CniNames.ValidateContainerId),
        new(NetNs, new HashSet<CniCommand> { CniCommand.Add, CniCommand.Check }, null),
        new(IfName, Attachment, CniNames.ValidateInterfaceName),
        new(Args, new HashSet<CniCommand>(), null),
        new(Path, new HashSet<CniCommand> { CniCommand.Add, CniCommand.Check, CniCommand.Del, CniCommand.Gc, CniCommand.Status }, CniNames.ValidateCniPath),
    ];

    /// <summary>Every required variable that is unset or empty, in table order (the spec asks to name them all).</summary>
    public static IReadOnlyList<string> Missing(CniCommand command, Func<string, string?> getEnv) =>
        Variables.Where(v => v.IsRequiredFor(command) && string.IsNullOrEmpty(getEnv(v.Name))).Select(v => v.Name).ToList();

    /// <summary>The first failed value check among the variables this command uses.</summary>
    public static CniError? Validate(CniCommand command, Func<string, string?> getEnv)
    {
        foreach (var v in Variables)
        {
            if (v.Validate is null || !v.IsRequiredFor(command)) continue;
            if (v.Validate(getEnv(v.Name) ?? "") is { } error) return error;
        }
        return null;
    }

    /// <summary>The <c>CNI_*</c> variables that are set, forwarded to the agent.</summary>
    public static Dictionary<string, string> Collect(Func<string, string?> getEnv)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Variables.Select(v => v.Name).Prepend(Command))
        {
            if (getEnv(name) is { Length: > 0 } value) env[name] = value;
        }
        return env;
    }
}
