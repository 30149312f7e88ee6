namespace Ovnk.Lab.Kubelet.Cni;

/// <summary>The node's CNI configuration is missing or unusable; the message names the file and the fix.</summary>
public sealed class CniConfigException(string message) : Exception(message);
