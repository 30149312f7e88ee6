namespace Ovnk.Cli.Daemons;

/// <summary>An ovsdb-server database file, created from <paramref name="Schema"/> when missing (as ovs-ctl/ovn-ctl).</summary>
internal sealed record DatabaseFile(string Path, string Schema);
