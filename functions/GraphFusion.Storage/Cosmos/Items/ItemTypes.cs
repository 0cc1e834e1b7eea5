namespace GraphFusion.Storage.Cosmos.Items;

/// <summary>Values of the <c>type</c> field that tells apart items sharing a container.</summary>
public static class ItemTypes
{
    public const string Document = "document";
    public const string Claim = "claim";
    public const string Owner = "owner";
    public const string Entity = "entity";
    public const string Relation = "relation";
    public const string Touch = "touch";
    public const string Lease = "lease";
    public const string Value = "value";
    public const string Reference = "reference";
    public const string ReferenceSet = "referenceSet";
    public const string ReferencePage = "referencePage";
}
