namespace Ovnk.Lab.Kubelet.Cni;

/// <summary>An attachment GC must keep (CNI 1.1 <c>cni.dev/valid-attachments</c>).</summary>
public sealed record CniAttachment(string ContainerId, string IfName);
