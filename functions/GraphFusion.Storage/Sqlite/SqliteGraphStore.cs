using System.Runtime.CompilerServices;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Core.References;
using GraphFusion.Core.Seeds;
using GraphFusion.Core.Storage;
using Microsoft.Data.Sqlite;

namespace GraphFusion.Storage.Sqlite;

/// <summary>
/// The embedded graph store: one SQLite file, no server. The local default, with the same contract as the Cosmos store
/// (optimistic concurrency through version columns, conditional clears of touch marks).
/// </summary>
public sealed class SqliteGraphStore : IGraphStore
{
    private readonly string connectionString;

    // SQLite has one writer at a time; queuing writers here avoids the busy-retry sleeps of contending connections.
    private readonly SemaphoreSlim writeGate = new(1, 1);

    // Point reads of many keys go out as `key IN (...)` with this many parameters (well under SQLite's limit).
    private const int KeysPerQuery = 500;

    // Page cache per connection, in KiB.
    private const int PageCacheKib = 256 * 1024;

    public SqliteGraphStore(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 60,
            Pooling = true,
        }.ToString();
        Path = System.IO.Path.GetFullPath(path);
        SqliteSchema.Create(Open());
    }

    public string Path { get; }

    public static Task<SqliteGraphStore> OpenAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() => new SqliteGraphStore(path), cancellationToken);

    public async Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var json = await ScalarAsync<string>(connection, "SELECT json FROM documents WHERE id = $id", cancellationToken, ("$id", documentId));
        return json is null ? null : StoreJson.Deserialize<DocumentRecord>(json);
    }

    public async Task<DocumentRecord> SaveDocumentAsync(DocumentRecord record, CancellationToken cancellationToken)
    {
        var saved = record with { ETag = Guid.NewGuid().ToString("N") };
        var json = StoreJson.Serialize(saved);
        var changed = await WriteAsync(
            connection => record.ETag is null
                ? ExecuteAsync(connection, "INSERT OR IGNORE INTO documents (id, etag, json) VALUES ($id, $etag, $json)", cancellationToken,
                    ("$id", record.Id), ("$etag", saved.ETag), ("$json", json))
                : ExecuteAsync(connection, "UPDATE documents SET etag = $etag, json = $json WHERE id = $id AND etag = $old", cancellationToken,
                    ("$id", record.Id), ("$etag", saved.ETag), ("$json", json), ("$old", record.ETag)),
            cancellationToken);
        return changed == 1 ? saved : throw new ConcurrencyConflictException($"document {record.Id}");
    }

    public Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken) =>
        WriteAsync(connection => ExecuteAsync(connection, "DELETE FROM documents WHERE id = $id", cancellationToken, ("$id", documentId)), cancellationToken);

    public async Task<IReadOnlyList<DocumentRecord>> ListDocumentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await ReadJsonAsync<DocumentRecord>(connection, "SELECT json FROM documents ORDER BY id", cancellationToken);
    }

    public Task WriteClaimsAsync(string documentId, IReadOnlyList<KeyClaims> claims, CancellationToken cancellationToken) =>
        WriteInTransactionAsync(async connection =>
        {
            foreach (var claim in claims)
            {
                await ExecuteAsync(connection, "INSERT OR REPLACE INTO claims (key, document_id, json) VALUES ($key, $doc, $json)", cancellationToken,
                    ("$key", claim.Key), ("$doc", documentId), ("$json", StoreJson.Serialize(claim)));
            }
        }, cancellationToken);

    public Task DeleteClaimsAsync(string documentId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        WriteInTransactionAsync(async connection =>
        {
            foreach (var key in keys)
            {
                await ExecuteAsync(connection, "DELETE FROM claims WHERE key = $key AND document_id = $doc", cancellationToken, ("$key", key), ("$doc", documentId));
            }
        }, cancellationToken);

    public async Task<IReadOnlyList<KeyClaims>> GetClaimsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var distinct = keys.Distinct(StringComparer.Ordinal).ToList();
        var byKey = new Dictionary<string, List<KeyClaims>>(StringComparer.Ordinal);
        await ReadByKeysAsync(connection, "SELECT key, json FROM claims WHERE key IN ({0}) ORDER BY key, document_id", distinct, reader =>
        {
            var key = reader.GetString(0);
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = [];
            }

            list.Add(ReadJson<KeyClaims>(reader, 1));
        }, cancellationToken);

        // In the order of the keys asked for, each key's claims by document id.
        return distinct.SelectMany(k => byKey.GetValueOrDefault(k) ?? []).ToList();
    }

    public async Task<IReadOnlyDictionary<string, string>> GetKeyOwnersAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        await ReadByKeysAsync(connection, "SELECT key, entity_id FROM owners WHERE key IN ({0})", keys.Distinct(StringComparer.Ordinal).ToList(),
            reader => owners[reader.GetString(0)] = reader.GetString(1), cancellationToken);
        return owners;
    }

    public async Task<Entity?> GetEntityAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var json = await ScalarAsync<string>(connection, "SELECT json FROM entities WHERE id = $id", cancellationToken, ("$id", id));
        return json is null ? null : StoreJson.Deserialize<Entity>(json);
    }

    public async Task<IReadOnlyList<Entity>> FindEntitiesAsync(string name, int limit, CancellationToken cancellationToken)
    {
        var key = NameNormalizer.Key(name);
        if (key.Length == 0)
        {
            return [];
        }

        await using var connection = Open();
        var exact = await ReadJsonAsync<Entity>(connection,
            "SELECT e.json FROM owners o JOIN entities e ON e.id = o.entity_id WHERE o.key = $key", cancellationToken, ("$key", key));
        var prefix = await ReadJsonAsync<Entity>(connection,
            "SELECT DISTINCT e.json FROM owners o JOIN entities e ON e.id = o.entity_id WHERE o.key >= $key AND o.key < $end ORDER BY e.mention_count DESC, e.id LIMIT $limit",
            cancellationToken, ("$key", key), ("$end", key + '\uffff'), ("$limit", limit));
        return exact.Concat(prefix).DistinctBy(e => e.Id).Take(limit).ToList();
    }

    public async Task<IReadOnlyList<Relation>> GetRelationsFromAsync(string headId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await ReadJsonAsync<Relation>(connection, "SELECT json FROM relations WHERE head_id = $id ORDER BY id", cancellationToken, ("$id", headId));
    }

    public async Task<IReadOnlyList<Relation>> GetRelationsToAsync(string tailId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await ReadJsonAsync<Relation>(connection, "SELECT json FROM relations WHERE tail_id = $id ORDER BY id", cancellationToken, ("$id", tailId));
    }

    public async Task<IReadOnlyList<Entity>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var entities = new List<Entity>();
        await ReadByKeysAsync(connection, "SELECT json FROM entities WHERE id IN ({0})", ids.Distinct(StringComparer.Ordinal).ToList(),
            reader => entities.Add(ReadJson<Entity>(reader, 0)), cancellationToken);
        return entities;
    }

    public Task<IReadOnlyList<Relation>> GetRelationsFromManyAsync(IReadOnlyCollection<string> headIds, CancellationToken cancellationToken) =>
        RelationsByKeysAsync("SELECT json FROM relations WHERE head_id IN ({0})", headIds, cancellationToken);

    public Task<IReadOnlyList<Relation>> GetRelationsToManyAsync(IReadOnlyCollection<string> tailIds, CancellationToken cancellationToken) =>
        RelationsByKeysAsync("SELECT json FROM relations WHERE tail_id IN ({0})", tailIds, cancellationToken);

    public async IAsyncEnumerable<Entity> ListEntitiesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = Open();
        foreach (var entity in await ReadJsonAsync<Entity>(connection, "SELECT json FROM entities ORDER BY id", cancellationToken))
        {
            yield return entity;
        }
    }

    public async IAsyncEnumerable<Relation> ListRelationsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = Open();
        foreach (var relation in await ReadJsonAsync<Relation>(connection, "SELECT json FROM relations ORDER BY id", cancellationToken))
        {
            yield return relation;
        }
    }

    public Task UpsertEntitiesAsync(IReadOnlyList<Entity> entities, CancellationToken cancellationToken) =>
        WriteInTransactionAsync(async connection =>
        {
            // A fusion round rewrites every entity it loaded, most of them unchanged: an entity whose stored record and owned
            // keys already are what it would write is left alone, which leaves the store exactly as rewriting it would.
            var ids = entities.Select(e => e.Id).Distinct(StringComparer.Ordinal).ToList();
            var stored = new Dictionary<string, string>(StringComparer.Ordinal);
            await ReadByKeysAsync(connection, "SELECT id, json FROM entities WHERE id IN ({0})", ids,
                reader => stored[reader.GetString(0)] = reader.GetString(1), cancellationToken);
            var owned = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            await ReadByKeysAsync(connection, "SELECT entity_id, key FROM owners WHERE entity_id IN ({0})", [.. stored.Keys], reader =>
            {
                var id = reader.GetString(0);
                if (!owned.TryGetValue(id, out var keys))
                {
                    owned[id] = keys = new HashSet<string>(StringComparer.Ordinal);
                }

                keys.Add(reader.GetString(1));
            }, cancellationToken);

            var repeated = entities.GroupBy(e => e.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            var written = new HashSet<string>(StringComparer.Ordinal);
            await using var upsert = Prepare(connection, "INSERT OR REPLACE INTO entities (id, mention_count, json) VALUES ($id, $count, $json)", "$id", "$count", "$json");
            await using var release = Prepare(connection, "DELETE FROM owners WHERE entity_id = $id", "$id");
            await using var own = Prepare(connection, "INSERT OR REPLACE INTO owners (key, entity_id) VALUES ($key, $id)", "$key", "$id");
            foreach (var entity in entities)
            {
                var json = StoreJson.Serialize(entity);
                if (!repeated.Contains(entity.Id)
                    && stored.TryGetValue(entity.Id, out var previous) && previous == json
                    && owned.TryGetValue(entity.Id, out var keys) && keys.SetEquals(entity.Keys)
                    && !entity.Keys.Any(written.Contains))
                {
                    continue;
                }

                await RunAsync(upsert, cancellationToken, entity.Id, entity.MentionCount, json);

                // The entity owns exactly its current keys: keys it dropped are released.
                await RunAsync(release, cancellationToken, entity.Id);
                foreach (var key in entity.Keys)
                {
                    await RunAsync(own, cancellationToken, key, entity.Id);
                    written.Add(key);
                }
            }
        }, cancellationToken);

    public Task DeleteEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        WriteInTransactionAsync(async connection =>
        {
            await using var entity = Prepare(connection, "DELETE FROM entities WHERE id = $id", "$id");
            await using var owners = Prepare(connection, "DELETE FROM owners WHERE entity_id = $id", "$id");
            await using var relations = Prepare(connection, "DELETE FROM relations WHERE head_id = $id", "$id");
            foreach (var id in ids)
            {
                await RunAsync(entity, cancellationToken, id);
                await RunAsync(owners, cancellationToken, id);
                await RunAsync(relations, cancellationToken, id);
            }
        }, cancellationToken);

    public Task ReplaceRelationsFromAsync(string headId, IReadOnlyList<Relation> relations, CancellationToken cancellationToken) =>
        ReplaceRelationsFromAsync(new Dictionary<string, IReadOnlyList<Relation>>(StringComparer.Ordinal) { [headId] = relations }, cancellationToken);

    public Task ReplaceRelationsFromAsync(IReadOnlyDictionary<string, IReadOnlyList<Relation>> relationsByHead, CancellationToken cancellationToken) =>
        WriteInTransactionAsync(async connection =>
        {
            if (relationsByHead.Any(h => h.Value.Any(r => r.HeadId != h.Key)))
            {
                await ClearAndWriteRelationsAsync(connection, relationsByHead, cancellationToken);
                return;
            }

            // Only the difference is written: relations that are gone are deleted, new or changed ones written, unchanged
            // ones kept, which leaves the same rows as clearing and rewriting every head.
            var stored = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            await ReadByKeysAsync(connection, "SELECT head_id, id, json FROM relations WHERE head_id IN ({0})", [.. relationsByHead.Keys], reader =>
            {
                var head = reader.GetString(0);
                if (!stored.TryGetValue(head, out var rows))
                {
                    stored[head] = rows = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                rows[reader.GetString(1)] = reader.GetString(2);
            }, cancellationToken);

            await using var delete = Prepare(connection, "DELETE FROM relations WHERE id = $id AND head_id = $head", "$id", "$head");
            await using var insert = Prepare(connection, "INSERT OR REPLACE INTO relations (id, head_id, tail_id, json) VALUES ($id, $head, $tail, $json)", "$id", "$head", "$tail", "$json");
            foreach (var (headId, relations) in relationsByHead)
            {
                var wanted = new Dictionary<string, Relation>(StringComparer.Ordinal);
                foreach (var relation in relations)
                {
                    wanted[relation.Id] = relation;
                }

                var rows = stored.GetValueOrDefault(headId) ?? [];
                foreach (var id in rows.Keys.Where(id => !wanted.ContainsKey(id)).Order(StringComparer.Ordinal))
                {
                    await RunAsync(delete, cancellationToken, id, headId);
                }

                foreach (var relation in relations)
                {
                    if (!ReferenceEquals(wanted[relation.Id], relation))
                    {
                        continue;
                    }

                    var json = StoreJson.Serialize(relation);
                    if (rows.TryGetValue(relation.Id, out var previous) && previous == json)
                    {
                        continue;
                    }

                    await RunAsync(insert, cancellationToken, relation.Id, relation.HeadId, relation.TailId, json);
                }
            }
        }, cancellationToken);

    private static async Task ClearAndWriteRelationsAsync(
        SqliteConnection connection, IReadOnlyDictionary<string, IReadOnlyList<Relation>> relationsByHead, CancellationToken cancellationToken)
    {
        await using var clear = Prepare(connection, "DELETE FROM relations WHERE head_id = $id", "$id");
        await using var insert = Prepare(connection, "INSERT OR REPLACE INTO relations (id, head_id, tail_id, json) VALUES ($id, $head, $tail, $json)", "$id", "$head", "$tail", "$json");
        foreach (var (headId, relations) in relationsByHead)
        {
            await RunAsync(clear, cancellationToken, headId);
            foreach (var relation in relations)
            {
                await RunAsync(insert, cancellationToken, relation.Id, relation.HeadId, relation.TailId, StoreJson.Serialize(relation));
            }
        }
    }

    public Task MarkTouchedAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        WriteInTransactionAsync(async connection =>
        {
            foreach (var key in keys)
            {
                await ExecuteAsync(connection, "INSERT OR REPLACE INTO touched (key, stamp) VALUES ($key, $stamp)", cancellationToken,
                    ("$key", key), ("$stamp", Guid.NewGuid().ToString("N")));
            }
        }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> GetTouchStampsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var stamps = new Dictionary<string, string>(StringComparer.Ordinal);
        await ReadByKeysAsync(connection, "SELECT key, stamp FROM touched WHERE key IN ({0})", keys.Distinct(StringComparer.Ordinal).ToList(),
            reader => stamps[reader.GetString(0)] = reader.GetString(1), cancellationToken);
        return stamps;
    }

    public async Task<IReadOnlyList<string>> ListTouchedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, "SELECT key FROM touched ORDER BY key LIMIT $limit", ("$limit", limit));
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public async Task<IReadOnlyList<string>> ClearTouchedAsync(IReadOnlyDictionary<string, string> stamps, CancellationToken cancellationToken)
    {
        var kept = new List<string>();
        await WriteInTransactionAsync(async connection =>
        {
            kept.Clear();
            await using var clear = Prepare(connection, "DELETE FROM touched WHERE key = $key AND stamp = $stamp", "$key", "$stamp");
            foreach (var (key, stamp) in stamps)
            {
                if (await RunAsync(clear, cancellationToken, key, stamp) != 1)
                {
                    kept.Add(key);
                }
            }
        }, cancellationToken);
        return kept;
    }

    public async Task<bool> ClearTouchedAsync(string key, string stamp, CancellationToken cancellationToken) =>
        await WriteAsync(
            connection => ExecuteAsync(connection, "DELETE FROM touched WHERE key = $key AND stamp = $stamp", cancellationToken, ("$key", key), ("$stamp", stamp)),
            cancellationToken) == 1;

    // One statement each, so the check and the write are atomic for every process sharing the file.
    public async Task<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        return await WriteAsync(
            connection => ExecuteAsync(
                connection,
                """
                INSERT INTO leases (name, holder, expires_at) VALUES ($name, $holder, $expires)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE leases.holder = excluded.holder OR leases.expires_at <= $now
                """,
                cancellationToken,
                ("$name", name), ("$holder", holder), ("$expires", (now + duration).ToUnixTimeMilliseconds()), ("$now", now.ToUnixTimeMilliseconds())),
            cancellationToken) == 1;
    }

    public async Task<bool> RenewLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var expires = (TimeProvider.System.GetUtcNow() + duration).ToUnixTimeMilliseconds();
        return await WriteAsync(
            connection => ExecuteAsync(
                connection, "UPDATE leases SET expires_at = $expires WHERE name = $name AND holder = $holder", cancellationToken,
                ("$name", name), ("$holder", holder), ("$expires", expires)),
            cancellationToken) == 1;
    }

    public Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken) =>
        WriteAsync(
            connection => ExecuteAsync(connection, "DELETE FROM leases WHERE name = $name AND holder = $holder", cancellationToken, ("$name", name), ("$holder", holder)),
            cancellationToken);

    public async Task<string?> GetStateAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await ScalarAsync<string>(connection, "SELECT value FROM state WHERE id = $id", cancellationToken, ("$id", id));
    }

    public Task PutStateAsync(string id, string value, CancellationToken cancellationToken) =>
        WriteAsync(
            connection => ExecuteAsync(connection, "INSERT OR REPLACE INTO state (id, value) VALUES ($id, $value)", cancellationToken, ("$id", id), ("$value", value)),
            cancellationToken);

    public async Task<ReferenceRecord?> GetReferenceAsync(string referenceId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var json = await ScalarAsync<string>(connection, "SELECT json FROM reference_sources WHERE id = $id", cancellationToken, ("$id", referenceId));
        return json is null ? null : StoreJson.Deserialize<ReferenceRecord>(json);
    }

    public async Task<ReferenceRecord> SaveReferenceAsync(ReferenceRecord record, CancellationToken cancellationToken)
    {
        var saved = record with { ETag = Guid.NewGuid().ToString("N") };
        var json = StoreJson.Serialize(saved);
        var changed = await WriteAsync(
            connection => record.ETag is null
                ? ExecuteAsync(connection, "INSERT OR IGNORE INTO reference_sources (id, etag, json) VALUES ($id, $etag, $json)", cancellationToken,
                    ("$id", record.Id), ("$etag", saved.ETag), ("$json", json))
                : ExecuteAsync(connection, "UPDATE reference_sources SET etag = $etag, json = $json WHERE id = $id AND etag = $old", cancellationToken,
                    ("$id", record.Id), ("$etag", saved.ETag), ("$json", json), ("$old", record.ETag)),
            cancellationToken);
        return changed == 1 ? saved : throw new ConcurrencyConflictException($"reference {record.Id}");
    }

    public Task DeleteReferenceAsync(string referenceId, CancellationToken cancellationToken) =>
        WriteAsync(connection => ExecuteAsync(connection, "DELETE FROM reference_sources WHERE id = $id", cancellationToken, ("$id", referenceId)), cancellationToken);

    public async Task<IReadOnlyList<ReferenceRecord>> ListReferencesAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await ReadJsonAsync<ReferenceRecord>(connection, "SELECT json FROM reference_sources ORDER BY id", cancellationToken);
    }

    public Task WriteReferenceEntitiesAsync(string referenceId, string version, IReadOnlyList<IndexedReferenceEntity> entities, CancellationToken cancellationToken) =>
        WriteInTransactionAsync(async connection =>
        {
            await ExecuteAsync(connection, "DELETE FROM reference_entities WHERE reference_id = $ref AND version = $version", cancellationToken,
                ("$ref", referenceId), ("$version", version));
            for (var i = 0; i < entities.Count; i++)
            {
                await ExecuteAsync(connection, "INSERT INTO reference_entities (reference_id, version, position, json) VALUES ($ref, $version, $position, $json)", cancellationToken,
                    ("$ref", referenceId), ("$version", version), ("$position", i), ("$json", StoreJson.Serialize(entities[i])));
            }
        }, cancellationToken);

    public async Task<IReadOnlyList<IndexedReferenceEntity>> GetReferenceEntitiesAsync(string referenceId, string version, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await ReadJsonAsync<IndexedReferenceEntity>(connection,
            "SELECT json FROM reference_entities WHERE reference_id = $ref AND version = $version ORDER BY position", cancellationToken,
            ("$ref", referenceId), ("$version", version));
    }

    public Task DeleteReferenceEntitiesAsync(string referenceId, string version, CancellationToken cancellationToken) =>
        WriteAsync(connection => ExecuteAsync(connection, "DELETE FROM reference_entities WHERE reference_id = $ref AND version = $version", cancellationToken,
            ("$ref", referenceId), ("$version", version)), cancellationToken);

    public async Task<StoredSeedModel?> GetSeedModelAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var json = await ScalarAsync<string>(connection, "SELECT json FROM seed_models WHERE name = $name", cancellationToken, ("$name", name));
        return json is null ? null : StoreJson.Deserialize<StoredSeedModel>(json);
    }

    public Task SaveSeedModelAsync(StoredSeedModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var json = StoreJson.Serialize(model);
        return WriteAsync(
            connection => ExecuteAsync(connection, "INSERT OR REPLACE INTO seed_models (name, json) VALUES ($name, $json)", cancellationToken, ("$name", model.Name), ("$json", json)),
            cancellationToken);
    }

    public async Task<GraphCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var documents = await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM documents", cancellationToken);
        var entities = 0;
        var aliases = 0;
        foreach (var entity in await ReadJsonAsync<Entity>(connection, "SELECT json FROM entities", cancellationToken))
        {
            entities++;
            aliases += entity.Aliases.Count;
        }

        var relations = 0;
        var evidence = 0;
        foreach (var relation in await ReadJsonAsync<Relation>(connection, "SELECT json FROM relations", cancellationToken))
        {
            relations++;
            evidence += relation.Evidence.Count;
        }

        return new GraphCounts((int)documents, entities, relations, aliases, evidence);
    }

    private async Task<IReadOnlyList<Relation>> RelationsByKeysAsync(string sqlFormat, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var relations = new List<Relation>();
        await ReadByKeysAsync(connection, sqlFormat, ids.Distinct(StringComparer.Ordinal).ToList(),
            reader => relations.Add(ReadJson<Relation>(reader, 0)), cancellationToken);
        return relations;
    }

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();

            // A per-connection setting: in WAL mode, NORMAL syncs at checkpoints instead of on every commit, and stays durable
            // against process crashes (a power loss may roll back the last commits, never corrupt the file).
            await ExecuteAsync(connection, "PRAGMA synchronous = NORMAL", cancellationToken);
            return await write(connection);
        }
        finally
        {
            writeGate.Release();
        }
    }

    private Task WriteInTransactionAsync(Func<SqliteConnection, Task> write, CancellationToken cancellationToken) =>
        WriteAsync(
            async connection =>
            {
                await using var transaction = connection.BeginTransaction();
                await write(connection);
                await transaction.CommitAsync(cancellationToken);
                return 0;
            },
            cancellationToken);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();

        // Pooled connections keep their page cache between calls; SQLite's default of 2 MB holds little of a large graph.
        using var cache = connection.CreateCommand();
        cache.CommandText = $"PRAGMA cache_size = -{PageCacheKib}";
        cache.ExecuteNonQuery();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>A command compiled once and run many times with new values for <paramref name="names"/>.</summary>
    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static Task<int> RunAsync(SqliteCommand command, CancellationToken cancellationToken, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string, object)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T?> ScalarAsync<T>(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string, object)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>Runs <paramref name="sqlFormat"/> (its <c>{0}</c> takes the parameter list) over the keys, <see cref="KeysPerQuery"/> at a time.</summary>
    private static async Task ReadByKeysAsync(SqliteConnection connection, string sqlFormat, IReadOnlyList<string> keys, Action<SqliteDataReader> row, CancellationToken cancellationToken)
    {
        for (var start = 0; start < keys.Count; start += KeysPerQuery)
        {
            var count = Math.Min(KeysPerQuery, keys.Count - start);
            await using var command = connection.CreateCommand();
            command.CommandText = string.Format(
                System.Globalization.CultureInfo.InvariantCulture, sqlFormat, string.Join(", ", Enumerable.Range(0, count).Select(i => $"$k{i}")));
            for (var i = 0; i < count; i++)
            {
                command.Parameters.AddWithValue($"$k{i}", keys[start + i]);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                row(reader);
            }
        }
    }

    // SQLite keeps the text as UTF-8: parsing those bytes skips decoding them into a string first.
    private static T ReadJson<T>(SqliteDataReader reader, int ordinal) => StoreJson.Deserialize<T>(reader.GetFieldValue<byte[]>(ordinal));

    private static async Task<List<T>> ReadJsonAsync<T>(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string, object)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadJson<T>(reader, 0));
        }

        return items;
    }
}
