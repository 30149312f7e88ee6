namespace Ovnk.Linux;

/// <summary>The Linux errno values this library reports by name (asm-generic/errno-base.h, errno.h).</summary>
#pragma warning disable CA1707, CA1700 // the kernel's names, kept so they match man pages and strace output
public enum Errno
{
    None = 0,
    EPERM = 1,
    ENOENT = 2,
    ESRCH = 3,
    EINTR = 4,
    EIO = 5,
    ENXIO = 6,
    EBADF = 9,
    EAGAIN = 11,
    ENOMEM = 12,
    EACCES = 13,
    EBUSY = 16,
    EEXIST = 17,
    ENODEV = 19,
    ENOTDIR = 20,
    EINVAL = 22,
    EMFILE = 24,
    ENOSPC = 28,
    ERANGE = 34,
    ENAMETOOLONG = 36,
    EMSGSIZE = 90,
    EPROTONOSUPPORT = 93,
    EOPNOTSUPP = 95,
    EAFNOSUPPORT = 97,
    EADDRINUSE = 98,
    EADDRNOTAVAIL = 99,
    ENETUNREACH = 101,
    ENOBUFS = 105,
    ETIMEDOUT = 110,
}
#pragma warning restore CA1707, CA1700
