using System.Text.Json.Nodes;

namespace Ovnk.Lab.Storage;

/// <summary>What a read-modify-write decided: store an object, delete the current one, or leave it unchanged.</summary>
public sealed record Mutation(MutationKind Kind, JsonObject? Object)
{
    /// <summary>Store <paramref name="value"/> (create or replace).</summary>
    public static Mutation Put(JsonObject value) => new(MutationKind.Put, value);

    /// <summary>Delete the current object.</summary>
    public static Mutation Delete() => new(MutationKind.Delete, null);

    /// <summary>Write nothing; return <paramref name="current"/> as it is (a no-op patch keeps its resourceVersion).</summary>
    public static Mutation Unchanged(JsonObject current) => new(MutationKind.None, current);
}

/// <summary>The kind of a <see cref="Mutation"/>.</summary>
public enum MutationKind
{
    /// <summary>Nothing to write.</summary>
    None,

    /// <summary>Create or replace.</summary>
    Put,

    /// <summary>Delete.</summary>
    Delete,
}
