namespace Ovnk.Lab.Kubelet.Cni;

/// <summary>Compares CNI spec versions ("0.3.1" &lt; "0.4.0" &lt; "1.0.0" &lt; "1.1.0").</summary>
public static class CniVersionOrder
{
    public static bool AtLeast(string version, string minimum) =>
        Version.TryParse(version, out var v) && Version.TryParse(minimum, out var m) && v >= m;
}
