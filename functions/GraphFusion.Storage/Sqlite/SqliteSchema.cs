using Microsoft.Data.Sqlite;

namespace GraphFusion.Storage.Sqlite;

/// <summary>Tables of the embedded store. Records are JSON; the columns beside them exist for lookups and concurrency.</summary>
internal static class SqliteSchema
{
    private const string Ddl = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, etag TEXT NOT NULL, json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS claims (key TEXT NOT NULL, document_id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (key, document_id));
        CREATE INDEX IF NOT EXISTS claims_by_document ON claims (document_id);
        CREATE TABLE IF NOT EXISTS owners (key TEXT PRIMARY KEY, entity_id TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS owners_by_entity ON owners (entity_id);
        CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, mention_count INTEGER NOT NULL, json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS relations (id TEXT PRIMARY KEY, head_id TEXT NOT NULL, tail_id TEXT NOT NULL, json TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS relations_by_head ON relations (head_id);
        CREATE INDEX IF NOT EXISTS relations_by_tail ON relations (tail_id);
        CREATE TABLE IF NOT EXISTS touched (key TEXT PRIMARY KEY, stamp TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS state (id TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS reference_sources (id TEXT PRIMARY KEY, etag TEXT NOT NULL, json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS reference_entities (reference_id TEXT NOT NULL, version TEXT NOT NULL, position INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (reference_id, version, position));
        CREATE TABLE IF NOT EXISTS seed_models (name TEXT PRIMARY KEY, json TEXT NOT NULL);
        """;

    public static void Create(SqliteConnection connection)
    {
        using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Ddl;
            command.ExecuteNonQuery();
        }
    }
}
