namespace Ovnk.Cli.Daemons;

/// <summary>
/// Finds an OVS/OVN program: PATH first, then the sbin directories a container's PATH may lack (Debian installs
/// ovsdb-server and ovs-vswitchd in /usr/sbin).
/// </summary>
internal static class ProgramLocator
{
    private static readonly string[] Fallbacks = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    public static string Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(Fallbacks))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
                return candidate;
        }
        var package = program.StartsWith("ovn-", StringComparison.Ordinal)
            ? (program == "ovn-controller" ? "ovn-host" : "ovn-central")
            : "openvswitch-switch";
        throw new DaemonException($"{program} is not installed (looked in PATH and {string.Join(", ", Fallbacks)}); " +
            $"install it (Debian: apt-get install {package}) or use an image that has it.");
    }
}
