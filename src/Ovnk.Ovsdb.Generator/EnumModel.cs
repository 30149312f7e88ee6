namespace Ovnk.Ovsdb.Generator;

/// <summary>A string enum of one column (key or value): the C# name and its wire names → member names.</summary>
internal sealed record EnumModel(string Name, string Table, string Column, IReadOnlyList<(string Wire, string Member)> Values);
