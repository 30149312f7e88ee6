namespace Ovnk.Linux;

/// <summary>The kernel refused a netlink request (the errno of its NLMSG_ERROR answer) or the socket failed.</summary>
public class NetlinkException : LinuxException
{
    public NetlinkException(Errno errno, string operation, string? objectName, string? detail = null, Exception? inner = null)
        : base(errno, operation, objectName, detail, inner)
    {
    }
}
