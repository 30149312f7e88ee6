using Ovnk.Cli.Daemons;

namespace Ovnk.Cli.Tests.Daemons;

/// <summary>Settings: flags override environment variables (from the ConfigMap), which override defaults.</summary>
public sealed class DaemonEnvironmentTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] pairs) =>
        name => pairs.FirstOrDefault(p => p.Key == name).Value;

    [Fact]
    public void Resolve_NothingSet_GivesTheContainerDefaults()
    {
        var s = DaemonEnvironment.Resolve(DaemonComponent.NbOvsdb, new DaemonFlags(), Env());
        Assert.Equal(new DaemonDirectories(), s.Directories);
        Assert.Null(s.Port);
        Assert.Equal("0.0.0.0", s.ListenAddress);
        Assert.Equal(60_000, s.InactivityProbeMs);
        Assert.Equal("info", s.LogLevel);
    }

    [Fact]
    public void Resolve_EnvironmentAndFlags_FlagsWin()
    {
        var env = Env(("OVN_NB", "tcp:172.18.0.2:6641"), ("OVN_SB", "tcp:172.18.0.2:6642"), ("OVN_RUNDIR", "/x/run"),
            ("OVS_RUNDIR", "/x/ovs"), ("OVN_SB_PORT", "7642"), ("OVN_LOGLEVEL", "DBG"), ("OVN_DB_INACTIVITY_PROBE_MS", "0"));
        var s = DaemonEnvironment.Resolve(DaemonComponent.SbOvsdb, new DaemonFlags { OvnRunDir = "/flag/run", OvnSb = "ssl:10.0.0.1:6642" }, env);
        Assert.Equal("/flag/run", s.Directories.OvnRun);
        Assert.Equal("/x/ovs", s.Directories.OvsRun);
        Assert.Equal("tcp:172.18.0.2:6641", s.OvnNb);
        Assert.Equal("ssl:10.0.0.1:6642", s.OvnSb);
        Assert.Equal(7642, s.Port);
        Assert.Equal("dbg", s.LogLevel);
        Assert.Equal(0, s.InactivityProbeMs);
    }

    [Fact]
    public void Resolve_NbPortVariable_IsIgnoredBySbOvsdb()
    {
        var s = DaemonEnvironment.Resolve(DaemonComponent.SbOvsdb, new DaemonFlags(), Env(("OVN_NB_PORT", "7641")));
        Assert.Null(s.Port);
    }

    [Theory]
    [InlineData("OVN_NB_PORT", "abc", "OVN_NB_PORT='abc' is not a TCP port")]
    [InlineData("OVN_NB_PORT", "70000", "OVN_NB_PORT='70000' is not a TCP port")]
    [InlineData("OVN_DB_INACTIVITY_PROBE_MS", "-1", "OVN_DB_INACTIVITY_PROBE_MS='-1'")]
    [InlineData("OVN_LOGLEVEL", "loud", "log level 'loud'")]
    [InlineData("OVN_NB", "tcp:CONTROL_PLANE_IP:6641", "set ovn_nb in ConfigMap ovn-kubernetes/ovnkube-config")]
    public void Resolve_BadValue_NamesTheVariableAndTheFix(string variable, string value, string expected)
    {
        var e = Assert.Throws<DaemonException>(() => DaemonEnvironment.Resolve(DaemonComponent.NbOvsdb, new DaemonFlags(), Env((variable, value))));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
