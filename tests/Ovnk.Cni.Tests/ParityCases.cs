namespace Ovnk.Cni.Tests;

/// <summary>
/// The bad-input matrix of issue 6 acceptance 1 (reliability-and-protocols.md §1.6). Every case fails before the
/// bridge plugin touches the host, or is a DEL without a reachable netns, which the bridge plugin answers without
/// creating anything; the test still checks that nothing was left behind.
/// </summary>
public static class ParityCases
{
    private const int InvalidEnv = 4, Decode = 6, BadConfig = 7, BadVersion = 1;

    public static IReadOnlyList<ParityCase> All { get; } =
    [
        new("unknown CNI_COMMAND", "FOO", ParityCase.Env(), ParityCase.Config(), 1, InvalidEnv),
        new("no CNI_COMMAND prints about text and succeeds", "ADD", ParityCase.Env(("CNI_COMMAND", null)), ParityCase.Config(), 0, null),
        new("ADD without CNI_CONTAINERID", "ADD", ParityCase.Env(("CNI_CONTAINERID", null)), ParityCase.Config(), 1, InvalidEnv),
        new("ADD without CNI_NETNS", "ADD", ParityCase.Env(("CNI_NETNS", null)), ParityCase.Config(), 1, InvalidEnv),
        new("ADD without CNI_IFNAME", "ADD", ParityCase.Env(("CNI_IFNAME", null)), ParityCase.Config(), 1, InvalidEnv),
        new("ADD without CNI_PATH", "ADD", ParityCase.Env(("CNI_PATH", null)), ParityCase.Config(), 1, InvalidEnv),
        new("ADD with every variable missing", "ADD", AllMissing, ParityCase.Config(), 1, InvalidEnv),
        new("DEL with every variable missing", "DEL", AllMissing, ParityCase.Config(), 1, InvalidEnv),
        new("CHECK without CNI_NETNS", "CHECK", ParityCase.Env(("CNI_NETNS", null)), ParityCase.Config(), 1, InvalidEnv),
        new("ifname too long", "ADD", ParityCase.Env(("CNI_IFNAME", "eth0123456789012")), ParityCase.Config(), 1, InvalidEnv),
        new("ifname is .", "ADD", ParityCase.Env(("CNI_IFNAME", ".")), ParityCase.Config(), 1, InvalidEnv),
        new("ifname is ..", "ADD", ParityCase.Env(("CNI_IFNAME", "..")), ParityCase.Config(), 1, InvalidEnv),
        new("ifname contains /", "ADD", ParityCase.Env(("CNI_IFNAME", "eth/0")), ParityCase.Config(), 1, InvalidEnv),
        new("ifname contains :", "ADD", ParityCase.Env(("CNI_IFNAME", "eth:0")), ParityCase.Config(), 1, InvalidEnv),
        new("ifname contains a space", "ADD", ParityCase.Env(("CNI_IFNAME", "eth 0")), ParityCase.Config(), 1, InvalidEnv),
        new("ifname contains a tab", "DEL", ParityCase.Env(("CNI_IFNAME", "eth\t0")), ParityCase.Config(), 1, InvalidEnv),
        new("container id with / and a leading -", "ADD", ParityCase.Env(("CNI_CONTAINERID", "-bad/id")), ParityCase.Config(), 1, InvalidEnv),
        new("container id with a space", "DEL", ParityCase.Env(("CNI_CONTAINERID", "abc def")), ParityCase.Config(), 1, InvalidEnv),
        new("malformed stdin", "ADD", ParityCase.Env(), ParityCase.Raw("{bad"), 1, Decode),
        new("empty stdin", "ADD", ParityCase.Env(), ParityCase.Raw(""), 1, Decode),
        new("stdin is a JSON array", "DEL", ParityCase.Env(), ParityCase.Raw("[]"), 1, Decode),
        new("stdin is JSON null", "DEL", ParityCase.Env(), ParityCase.Raw("null"), 1, BadConfig),
        new("cniVersion is a number", "DEL", ParityCase.Env(), ParityCase.Raw("""{"cniVersion":1,"name":"n","type":"t"}"""), 1, Decode),
        new("unknown cniVersion on ADD", "ADD", ParityCase.Env(), ParityCase.Config("9.9.9"), 1, BadVersion),
        new("unknown cniVersion on DEL", "DEL", ParityCase.Env(), ParityCase.Config("9.9.9"), 1, BadVersion),
        new("missing network name", "ADD", ParityCase.Env(), ParityCase.Config(withName: false), 1, BadConfig),
        new("network name with invalid characters", "ADD", ParityCase.Env(), ParityCase.Raw("""{"cniVersion":"1.0.0","name":"bad name","type":"t"}"""), 1, BadConfig),
        new("CHECK at 0.3.1", "CHECK", ParityCase.Env(), ParityCase.Config("0.3.1"), 1, BadVersion),
        new("CHECK at 0.3.0", "CHECK", ParityCase.Env(), ParityCase.Config("0.3.0"), 1, BadVersion),
        new("DEL with a netns that does not exist", "DEL", ParityCase.Env(), ParityCase.Config(), 0, null),
        new("DEL repeated", "DEL", ParityCase.Env(), ParityCase.Config("0.4.0"), 0, null, Runs: 3),
        new("DEL without CNI_NETNS", "DEL", ParityCase.Env(("CNI_NETNS", null)), ParityCase.Config(), 0, null),
        new("DEL without CNI_NETNS at 0.3.1", "DEL", ParityCase.Env(("CNI_NETNS", null)), ParityCase.Config("0.3.1"), 0, null),
    ];

    private static Dictionary<string, string?> AllMissing =>
        ParityCase.Env(("CNI_CONTAINERID", null), ("CNI_NETNS", null), ("CNI_IFNAME", null), ("CNI_PATH", null));

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static ParityCase Named(string name) => All.Single(c => c.Name == name);
}
