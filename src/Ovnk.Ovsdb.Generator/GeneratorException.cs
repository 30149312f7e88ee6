namespace Ovnk.Ovsdb.Generator;

/// <summary>A schema the generator cannot turn into C#; the message names the table, column and the fix.</summary>
public sealed class GeneratorException(string message) : Exception(message);
