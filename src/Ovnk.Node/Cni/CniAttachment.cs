namespace Ovnk.Node.Cni;

/// <summary>One entry of GC's <c>cni.dev/valid-attachments</c> (SPEC.md GC): an attachment the runtime still uses.</summary>
public sealed record CniAttachment(string ContainerId, string IfName);
