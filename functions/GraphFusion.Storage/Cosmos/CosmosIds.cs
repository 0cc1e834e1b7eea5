using System.Security.Cryptography;
using System.Text;

namespace GraphFusion.Storage.Cosmos;

/// <summary>
/// Maps arbitrary strings (document ids, concept keys, entity ids) to Cosmos item ids, which may not contain
/// '/', '\', '?' or '#'. The mapping is one-to-one: base64url of the UTF-8 bytes, or a SHA-256 hash for long values.
/// The original value is always kept in a field of the item.
/// </summary>
public static class CosmosIds
{
    private const int MaxEncodedLength = 240;

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var encoded = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return encoded.Length <= MaxEncodedLength
            ? "b" + encoded
            : "h" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public static string Document(string documentId) => Escape(documentId);

    public static string Entity(string entityId) => Escape(entityId);

    public static string Relation(string relationId) => Escape(relationId);

    /// <summary>A document's claims item in a key's partition of the claims container.</summary>
    public static string Claim(string documentId) => "d:" + Escape(documentId);

    /// <summary>The key-ownership item in a key's partition of the claims container.</summary>
    public const string Owner = "owner";

    public static string Touch(string key) => "touch:" + Escape(key);

    public static string Lease(string name) => "lease:" + Escape(name);

    public static string StateValue(string id) => "value:" + Escape(id);

    public static string Reference(string referenceId) => "reference:" + Escape(referenceId);

    public static string ReferenceSet(string referenceId, string version) => "refset:" + Escape(referenceId + "\u001f" + version);

    public static string ReferencePage(string referenceId, string version, int page) =>
        "refpage:" + Escape(referenceId + "\u001f" + version + "\u001f" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
