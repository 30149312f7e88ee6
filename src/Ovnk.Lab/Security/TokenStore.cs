using System.Security.Cryptography;
using System.Text;

namespace Ovnk.Lab.Security;

/// <summary>
/// Static bearer tokens (the admin token is generated once and kept in the state directory). A request is
/// authenticated when its <c>Authorization: Bearer</c> token matches one of them (compared in constant time).
/// </summary>
public sealed class TokenStore
{
    private const string AdminTokenFile = "admin.token";
    private readonly List<(byte[] Token, string User)> _tokens = [];
    private readonly Lock _gate = new();

    private TokenStore(string adminToken, ServiceAccountTokens serviceAccounts)
    {
        ServiceAccounts = serviceAccounts;
        Add(adminToken, "admin");
    }

    /// <summary>Issues and checks ServiceAccount tokens (TokenRequest).</summary>
    public ServiceAccountTokens ServiceAccounts { get; }

    /// <summary>The token of the cluster administrator (written into the kubeconfig).</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>Loads the admin token from <paramref name="directory"/>, creating it on first use.</summary>
    public static TokenStore LoadOrCreate(string directory)
    {
        var path = Path.Combine(directory, AdminTokenFile);
        if (!File.Exists(path))
        {
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
            File.WriteAllText(path + ".tmp", token);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path + ".tmp", UnixFileMode.UserRead | UnixFileMode.UserWrite); // credentials: owner-only
            }
            File.Move(path + ".tmp", path, overwrite: true);
        }
        var admin = File.ReadAllText(path).Trim();
        return new TokenStore(admin, ServiceAccountTokens.LoadOrCreate(directory)) { AdminToken = admin };
    }

    /// <summary>Adds a token for <paramref name="user"/>.</summary>
    public void Add(string token, string user)
    {
        lock (_gate)
        {
            _tokens.Add((Encoding.UTF8.GetBytes(token), user));
        }
    }

    /// <summary>The user a bearer token belongs to, or null when it is unknown.</summary>
    public string? Authenticate(string? authorizationHeader)
    {
        const string prefix = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var text = authorizationHeader[prefix.Length..].Trim();
        if (ServiceAccounts.Authenticate(text, DateTimeOffset.UtcNow) is { } serviceAccount)
        {
            return serviceAccount;
        }
        var presented = Encoding.UTF8.GetBytes(text);
        lock (_gate)
        {
            foreach (var (token, user) in _tokens)
            {
                if (CryptographicOperations.FixedTimeEquals(token, presented))
                {
                    return user;
                }
            }
        }
        return null;
    }
}
