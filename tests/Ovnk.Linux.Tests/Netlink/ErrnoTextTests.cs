using Ovnk.Linux.Netlink;

namespace Ovnk.Linux.Tests.Netlink;

public sealed class ErrnoTextTests
{
    [Theory]
    [InlineData("busy is transient", Errno.EBUSY, true)]
    [InlineData("again is transient", Errno.EAGAIN, true)]
    [InlineData("no buffers is transient", Errno.ENOBUFS, true)]
    [InlineData("exists is not", Errno.EEXIST, false)]
    [InlineData("no device is not", Errno.ENODEV, false)]
    [InlineData("permission is not", Errno.EPERM, false)]
    public void NetlinkException_IsTransient_FollowsErrno(string caseName, Errno errno, bool transient)
    {
        _ = caseName;
        Assert.Equal(transient, new NetlinkException(errno, "op", "obj").IsTransient);
    }

    [Fact]
    public void Message_HasOperationObjectErrnoDetailAndFix()
    {
        var error = new NetlinkException(Errno.EPERM, "create veth", "v0", "Operation not permitted");
        Assert.Equal("create veth 'v0' failed: EPERM (1, operation not permitted): Operation not permitted. Run as root (CAP_NET_ADMIN and CAP_SYS_ADMIN are needed).", error.Message);
        Assert.Equal(("create veth", "v0"), (error.Operation, error.ObjectName));
    }

    [Theory]
    [InlineData("fifteen bytes", "abcdefghijklmno", true)]
    [InlineData("sixteen bytes", "abcdefghijklmnop", false)]
    [InlineData("multibyte over 15 bytes", "ééééééééé", false)]
    [InlineData("dash and dot", "br-ex.100", true)]
    [InlineData("tab", "a\tb", false)]
    public void InterfaceName_Problem_FollowsKernelRules(string caseName, string name, bool valid)
    {
        _ = caseName;
        Assert.Equal(valid, InterfaceName.Problem(name) is null);
    }
}
