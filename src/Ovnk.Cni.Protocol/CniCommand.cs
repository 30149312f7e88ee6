namespace Ovnk.Cni.Protocol;

/// <summary>The operations of the CNI spec (SPEC.md §2; GC and STATUS since 1.1.0).</summary>
public enum CniCommand
{
    Add,
    Del,
    Check,
    Gc,
    Status,
    Version,
}
