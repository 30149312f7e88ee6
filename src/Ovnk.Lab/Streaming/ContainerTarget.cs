namespace Ovnk.Lab.Streaming;

/// <summary>One container of one pod: what exec, attach and logs address (the kubelet URL's three segments).</summary>
public sealed record ContainerTarget(string Namespace, string Pod, string Container)
{
    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Pod}/{Container}";
}
