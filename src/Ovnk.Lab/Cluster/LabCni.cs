namespace Ovnk.Lab.Cluster;

/// <summary>Which CNI the lab's nodes use.</summary>
public enum LabCni
{
    /// <summary>Ovnk itself, deployed as pods from deploy/*.yaml.</summary>
    Ovnk,

    /// <summary>The reference bridge + host-local plugins (no Ovnk pods): a CNI playground.</summary>
    Bridge,
}
