namespace Ovnk.Cni;

/// <summary>
/// The parts of the network configuration on stdin that the plugin itself checks before contacting the agent.
/// The full bytes travel to the agent unchanged (unknown keys must pass through, SPEC.md §1).
/// </summary>
internal sealed record NetworkConfig(string CniVersion, string Name, string Type);
