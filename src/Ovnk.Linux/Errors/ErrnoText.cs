namespace Ovnk.Linux;

/// <summary>Pure text for errors: the errno's meaning and the likely fix.</summary>
internal static class ErrnoText
{
    public static bool IsTransient(Errno errno) =>
        errno is Errno.EBUSY or Errno.EAGAIN or Errno.EINTR or Errno.ENOBUFS or Errno.ENOMEM or Errno.ETIMEDOUT;

    public static string Compose(Errno errno, string operation, string? objectName, string? detail, string? fix = null)
    {
        var what = objectName is null ? operation : $"{operation} '{objectName}'";
        var cause = errno == Errno.None ? "" : $": {errno} ({(int)errno}, {Meaning(errno)})";
        var extra = string.IsNullOrEmpty(detail) ? "" : $": {detail}";
        return $"{what} failed{cause}{extra}. {fix ?? Fix(errno)}";
    }

    public static string Meaning(Errno errno) => errno switch
    {
        Errno.EPERM => "operation not permitted",
        Errno.ENOENT => "no such file or object",
        Errno.ESRCH => "no such process or object",
        Errno.EBUSY => "device or resource busy",
        Errno.EEXIST => "already exists",
        Errno.ENODEV => "no such device",
        Errno.EINVAL => "invalid argument",
        Errno.ERANGE => "value out of range",
        Errno.EAGAIN => "try again",
        Errno.EACCES => "permission denied",
        Errno.ENOBUFS => "no buffer space",
        Errno.EOPNOTSUPP => "not supported",
        Errno.EADDRNOTAVAIL => "address not available",
        Errno.ENETUNREACH => "network unreachable",
        _ => "see errno(3)",
    };

    public static string Fix(Errno errno) => errno switch
    {
        Errno.EPERM or Errno.EACCES => "Run as root (CAP_NET_ADMIN and CAP_SYS_ADMIN are needed).",
        Errno.EEXIST => "An object with that name or key already exists: pick another name, or delete the old one first.",
        Errno.ENODEV => "Check the interface name or index, and that the code runs in the namespace that holds it.",
        Errno.ENOENT or Errno.ESRCH => "The object does not exist (any more): check its name and the namespace.",
        Errno.EBUSY or Errno.EAGAIN or Errno.EINTR or Errno.ENOBUFS or Errno.ENOMEM => "This is transient: retry.",
        Errno.EOPNOTSUPP or Errno.EPROTONOSUPPORT => "The kernel lacks this feature or driver (a module may be missing).",
        Errno.ENETUNREACH => "Add a route or an address on the link that reaches the gateway first.",
        Errno.EINVAL or Errno.ERANGE => "A value was rejected by the kernel: check names (≤ 15 bytes), prefixes and MTU.",
        Errno.None => "Fix the input as described.",
        _ => "See errno(3) and the kernel's message for the cause.",
    };
}
