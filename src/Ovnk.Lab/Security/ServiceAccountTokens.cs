using System.Security.Cryptography;
using System.Text;

namespace Ovnk.Lab.Security;

/// <summary>
/// ServiceAccount tokens that need no storage: <c>ovnk-sa.{base64url(namespace:name:uid:expiry)}.{HMAC-SHA256}</c>,
/// keyed by a secret kept in the state directory, so tokens stay valid across restarts and cannot be forged.
/// The user is <c>system:serviceaccount:{namespace}:{name}</c>, as upstream names it.
/// </summary>
public sealed class ServiceAccountTokens
{
    private const string Prefix = "ovnk-sa.";
    private const string KeyFile = "sa-signing.key";
    private readonly byte[] _key;

    private ServiceAccountTokens(byte[] key) => _key = key;

    /// <summary>Loads the signing key from <paramref name="directory"/>, creating it on first use.</summary>
    public static ServiceAccountTokens LoadOrCreate(string directory)
    {
        var path = Path.Combine(directory, KeyFile);
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path + ".tmp", RandomNumberGenerator.GetBytes(32));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path + ".tmp", UnixFileMode.UserRead | UnixFileMode.UserWrite); // credentials: owner-only
            }
            File.Move(path + ".tmp", path, overwrite: true);
        }
        return new ServiceAccountTokens(File.ReadAllBytes(path));
    }

    /// <summary>Issues a token for a ServiceAccount, valid until <paramref name="expiry"/>.</summary>
    public string Issue(string ns, string name, string uid, DateTimeOffset expiry)
    {
        var claims = Base64Url(Encoding.UTF8.GetBytes($"{ns}:{name}:{uid}:{expiry.ToUnixTimeSeconds()}"));
        return $"{Prefix}{claims}.{Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(claims)))}";
    }

    /// <summary>The user of a valid, unexpired token, or null.</summary>
    public string? Authenticate(string token, DateTimeOffset now)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = token[Prefix.Length..].Split('.');
        if (parts.Length != 2)
        {
            return null;
        }
        var expected = Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0])));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[1])))
        {
            return null;
        }
        var claims = Encoding.UTF8.GetString(Convert.FromBase64String(parts[0].Replace('-', '+').Replace('_', '/') + new string('=', (4 - parts[0].Length % 4) % 4))).Split(':');
        return claims.Length == 4 && long.TryParse(claims[3], out var exp) && exp > now.ToUnixTimeSeconds()
            ? $"system:serviceaccount:{claims[0]}:{claims[1]}"
            : null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
