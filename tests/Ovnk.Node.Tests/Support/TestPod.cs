using Ovnk.Model.Annotations;

namespace Ovnk.Node.Tests.Support;

/// <summary>A pod the test created in the API (and its LSP in the NB), with the addressing it annotated.</summary>
public sealed record TestPod(OvnNodeFixture Fixture, string Name, string Uid, PodNetwork Network)
{
    public string IfaceId => "default_" + Name;

    public string Ip => Network.IpAddresses[0].Address.ToString();

    public Task<string> CreateLspAsync() => Fixture.Lab.NbctlAsync("lsp-add", Fixture.Lab.NodeName, IfaceId, "--", "lsp-set-addresses", IfaceId, $"{Network.Mac} {Ip}");
}
