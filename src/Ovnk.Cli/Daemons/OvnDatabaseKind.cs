namespace Ovnk.Cli.Daemons;

/// <summary>The two central OVN databases.</summary>
internal enum OvnDatabaseKind
{
    Northbound,
    Southbound,
}
