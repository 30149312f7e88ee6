namespace Ovnk.Bench.Cni;

/// <summary>
/// <c>ovnk bench cni</c>'s sizes (issue 6: 200 serial ADD/DEL, then a burst of 30) and the plugin binary.
/// <paramref name="Count"/> is also the sample count of every floor and of the bridge plugin.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed record CniBenchSettings(int Count, int Burst, string PluginPath)
{
    /// <summary>The sizes.</summary>
    public const int DefaultCount = 200;

    /// <summary>The burst.</summary>
    public const int DefaultBurst = 30;
}
