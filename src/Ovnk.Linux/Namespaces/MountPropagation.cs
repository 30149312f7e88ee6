namespace Ovnk.Linux.Namespaces;

/// <summary>How a new mount namespace's mounts propagate (mount_namespaces(7), "Shared subtrees").</summary>
public enum MountPropagation
{
    /// <summary>Nothing in, nothing out.</summary>
    Private,

    /// <summary>The host's new mounts come in; mounts made inside stay inside.</summary>
    Slave,
}
