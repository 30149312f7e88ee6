namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>Where a probe goes: the container's network namespace and address, and its pid (for exec probes).</summary>
public sealed record ProbeTarget(string NetNs, string Address, int Pid);
