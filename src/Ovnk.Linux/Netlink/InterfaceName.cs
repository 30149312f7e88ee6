using System.Text;

namespace Ovnk.Linux.Netlink;

/// <summary>Interface-name rules of the kernel's dev_valid_name (net/core/dev.c), checked before any request.</summary>
public static class InterfaceName
{
    /// <summary>IFNAMSIZ (16) minus the terminating NUL.</summary>
    public const int MaxLength = 15;

    /// <summary>Null when valid, else why not.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "an interface name must not be empty";
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxLength)
        {
            return $"an interface name is at most {MaxLength} bytes (IFNAMSIZ); '{name}' has {Encoding.UTF8.GetByteCount(name)}";
        }

        if (name is "." or "..")
        {
            return "an interface name must not be '.' or '..'";
        }

        return name.Any(c => c == '/' || c == ':' || char.IsWhiteSpace(c))
            ? "an interface name must not contain '/', ':' or whitespace"
            : null;
    }

    /// <summary>Throws <see cref="InvalidNameException"/> when <paramref name="name"/> is not a valid interface name.</summary>
    public static void Validate(string name, string operation)
    {
        var problem = Problem(name);
        if (problem is not null)
        {
            throw new InvalidNameException(operation, name, problem);
        }
    }
}
