using Ovnk.Linux.Namespaces;

namespace Ovnk.Linux.Tests.Support;

/// <summary>A uniquely named network namespace, deleted on dispose even when the test failed.</summary>
internal sealed class TempNetNs : IDisposable
{
    public TempNetNs(string prefix = "ovnkt")
    {
        Name = UniqueName(prefix);
        Path = NetNs.Create(Name);
    }

    public string Name { get; }

    public string Path { get; }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>An interface name (≤ 15 bytes) unique enough for parallel tests.</summary>
    public static string IfName(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..6]}";

    public void Dispose()
    {
        if (File.Exists(Path))
        {
            NetNs.Delete(Name);
        }
    }
}
