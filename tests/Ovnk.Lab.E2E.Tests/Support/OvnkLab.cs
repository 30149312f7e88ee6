namespace Ovnk.Lab.E2E.Tests.Support;

/// <summary>A 3-node lab with Ovnk deployed from deploy/.</summary>
public sealed class OvnkLab() : LabFixture("ovnk");
