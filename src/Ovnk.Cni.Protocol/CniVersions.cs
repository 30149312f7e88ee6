namespace Ovnk.Cni.Protocol;

/// <summary>The spec versions this plugin speaks, and the version arithmetic the spec needs.</summary>
public static class CniVersions
{
    /// <summary>The newest version we implement; used where no version was requested.</summary>
    public const string Current = "1.1.0";

    /// <summary>
    /// 0.1.0/0.2.0 are left out: their result shape (ip4/ip6) predates chaining, and no runtime we target sends them.
    /// </summary>
    public static IReadOnlyList<string> Supported { get; } = ["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];

    /// <summary>A config without <c>cniVersion</c> means 0.1.0 (cni pkg/version ConfigDecoder).</summary>
    public const string Implicit = "0.1.0";

    public static bool IsSupported(string version) => Supported.Contains(version, StringComparer.Ordinal);

    /// <summary>True when <paramref name="version"/> parses as major.minor.patch and is ≥ <paramref name="minimum"/>.</summary>
    public static bool AtLeast(string version, string minimum) =>
        TryParse(version, out var v) && TryParse(minimum, out var m) && v >= m;

    public static bool TryParse(string text, out Version version)
    {
        version = new Version(0, 0);
        var parts = text.Split('.');
        if (parts.Length != 3) return false;
        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (parts[i].Length == 0 || !parts[i].All(char.IsAsciiDigit) || !int.TryParse(parts[i], out numbers[i]))
                return false;
        }
        version = new Version(numbers[0], numbers[1], numbers[2]);
        return true;
    }
}
