namespace Ovnk.Lab.Storage;

/// <summary>Where an object lives: its resource's storage key, its namespace ("" when cluster-scoped) and name.</summary>
public readonly record struct ObjectKey(string Resource, string Namespace, string Name);
