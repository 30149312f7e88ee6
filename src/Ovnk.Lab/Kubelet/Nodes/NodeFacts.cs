using System.Reflection;

namespace Ovnk.Lab.Kubelet.Nodes;

/// <summary>What a Node reports about the machine (nodeInfo) and the node's addresses.</summary>
public sealed record NodeFacts(string KernelVersion, string OsImage, string RuntimeVersion, IReadOnlyList<string> InternalIps)
{
    /// <summary>kubeletVersion: the API server's minor (KUBECTL-NOTES item 7: no version skew for kubectl).</summary>
    public static string KubeletVersion => Discovery.DiscoveryDocuments.GitVersion;

    /// <summary>Reads the host's facts; <paramref name="internalIps"/> come from the node's network namespace.</summary>
    public static NodeFacts Read(IReadOnlyList<string> internalIps)
    {
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "unknown";
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? "Linux"
            : "Linux";
        var version = typeof(NodeFacts).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return new NodeFacts(kernel, os, $"ovnk-lab://{version.Split('+')[0]}", internalIps);
    }
}
