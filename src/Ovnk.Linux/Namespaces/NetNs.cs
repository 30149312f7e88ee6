namespace Ovnk.Linux.Namespaces;

/// <summary>
/// Named network namespaces, compatible with iproute2: `/run/netns/NAME` bind mounts, so `ip netns list`,
/// `ip netns exec` and `ip -n NAME` see ours and we see theirs.
/// </summary>
public static class NetNs
{
    /// <summary>iproute2's NETNS_RUN_DIR.</summary>
    public const string RunDirectory = "/run/netns";

    /// <summary>The namespace file of <paramref name="name"/>.</summary>
    public static string PathOf(string name)
    {
        Validate(name, "locate network namespace");
        return Path.Combine(RunDirectory, name);
    }

    /// <summary>Creates the named namespace and returns its path; EEXIST if the name is taken.</summary>
    public static string Create(string name)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(RunDirectory);

        // Shared like iproute2 makes it, so a delete in one mount namespace unmounts the file in all of them.
        MountPoints.EnsurePropagation(RunDirectory, Native.Libc.MsShared, "create network namespace");
        PersistentNamespace.Create(NamespaceKind.Network, path);
        return path;
    }

    /// <summary>Deletes the named namespace (ENOENT if it does not exist).</summary>
    public static void Delete(string name) => PersistentNamespace.Delete(PathOf(name));

    /// <summary>Opens the named namespace, checking it is one (ENOENT if missing).</summary>
    public static NamespaceHandle Open(string name) => NamespaceHandle.Open(PathOf(name), NamespaceKind.Network);

    public static bool Exists(string name) => File.Exists(PathOf(name));

    /// <summary>The names under /run/netns, as `ip netns list` shows them.</summary>
    public static IReadOnlyList<string> List() =>
        Directory.Exists(RunDirectory)
            ? Directory.GetFiles(RunDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Runs <paramref name="body"/> inside the network namespace file <paramref name="path"/>.</summary>
    public static T Run<T>(string path, Func<T> body) => NamespaceRunner.Run(NamespaceSet.Net(path), body);

    /// <summary>Runs <paramref name="body"/> inside the network namespace file <paramref name="path"/>.</summary>
    public static void Run(string path, Action body) => NamespaceRunner.Run(NamespaceSet.Net(path), body);

    private static void Validate(string name, string operation)
    {
        if (string.IsNullOrEmpty(name) || name is "." or ".." || name.Contains('/') || name.Length > 255)
        {
            throw new InvalidNameException(operation, name, "a namespace name must be 1–255 characters, not '.' or '..', without '/'");
        }
    }
}
