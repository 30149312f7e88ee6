namespace Ovnk.Lab.Protobuf;

/// <summary>One field of a message: JSON name, kind, nested message name, and whether it repeats.</summary>
public sealed record ProtoField(string Name, ProtoKind Kind, string? Message = null, bool Repeated = false);
