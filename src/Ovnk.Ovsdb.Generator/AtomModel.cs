namespace Ovnk.Ovsdb.Generator;

/// <summary>How one atom type reads in C#: the type, the codec expression, and the default it falls back to.</summary>
internal sealed record AtomModel(string CsType, string Codec, string Fallback, bool IsValueType, bool IsEnum, string Describe);
