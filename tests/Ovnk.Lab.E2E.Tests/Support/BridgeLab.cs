namespace Ovnk.Lab.E2E.Tests.Support;

/// <summary>A 3-node lab with the reference bridge CNI.</summary>
public sealed class BridgeLab() : LabFixture("bridge");
