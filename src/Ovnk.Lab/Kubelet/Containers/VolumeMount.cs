namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>A bind mount inside a container: <paramref name="Source"/> as the node sees it, at <paramref name="Target"/>.</summary>
public sealed record VolumeMount(string Source, string Target, bool ReadOnly);
